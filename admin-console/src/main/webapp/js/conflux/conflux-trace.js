/*
 * The console's Trace page (Conflux tab): find a message by its business key, trace id or JMS message id, or list the
 * traces of a flow, a time range, the failed ones; see a trace's timeline (every hop with its time, the gap since the
 * hop before, the flow and revision, where, the outcome and duration, the queue wait, the attempt, the operator) and
 * where the message is now. Links lead to the dead letter (selected on the Dead letters page, to retry it there), the
 * flow (Flows page) and the audit entry of an operator's action (Audit page).
 *
 * Everything goes through Jolokia to conflux:type=traces (TracesMBean), whose operations answer JSON strings; who may
 * call it is in etc/jmx.acl.conflux.traces.cfg (viewer, operator, admin). The page only reads.
 */
var ConfluxTrace = (function (ConfluxTrace) {
  'use strict';

  ConfluxTrace.pluginName = 'conflux-trace';
  var TRACES = 'conflux:type=traces';
  var LIMIT = 50;

  function explain(response) {
    return typeof Conflux !== 'undefined' ? Conflux.explain(response) : String(response && response.error);
  }

  /** The Jolokia calls of the page. */
  function TraceService(jolokia) {
    function exec(operation, args) {
      return Conflux.request(jolokia, {type: 'exec', mbean: TRACES, operation: operation, arguments: args})
        .then(JSON.parse);
    }
    /** Summaries, newest first. */
    this.search = function (text, flow, since, failedOnly) {
      return exec('search', [text || '', flow || '', since || '', !!failedOnly, LIMIT]);
    };
    /** The newest trace of a business key, trace id or JMS message id, or null. */
    this.trace = function (keyOrId) { return exec('trace', [keyOrId]); };
  }
  TraceService.$inject = ['jolokia'];

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) { s = '0' + s; }
    return s;
  }

  /** 10:32:05.120 in the browser's time zone. */
  function clock(iso) {
    if (!iso) { return ''; }
    var d = new Date(iso);
    return pad(d.getHours(), 2) + ':' + pad(d.getMinutes(), 2) + ':' + pad(d.getSeconds(), 2) + '.' + pad(d.getMilliseconds(), 3);
  }

  /** 2026-12-02 10:32:05 in the browser's time zone. */
  function dayClock(iso) {
    if (!iso) { return ''; }
    var d = new Date(iso);
    return d.getFullYear() + '-' + pad(d.getMonth() + 1, 2) + '-' + pad(d.getDate(), 2) + ' ' + clock(iso).slice(0, 8);
  }

  /** 350 ms, 4.2 s, then the console's usual ages (4 min 12 s); '' for unknown. */
  function millis(ms) {
    if (ms === null || ms === undefined || ms < 0) { return ''; }
    if (ms < 1000) { return ms + ' ms'; }
    if (ms < 60000) { return (ms / 1000).toFixed(1) + ' s'; }
    return typeof Conflux !== 'undefined' ? Conflux.age(ms) : Math.round(ms / 1000) + ' s';
  }

  var FAILURES = ['FAILED', 'DEAD_LETTERED', 'EXPIRED'];
  var OPERATOR = ['RETRIED', 'RESUBMITTED', 'MOVED', 'DISCARDED'];

  function hopLabel(kind) {
    if (FAILURES.indexOf(kind) >= 0) { return 'label-danger'; }
    if (OPERATOR.indexOf(kind) >= 0) { return 'label-info'; }
    return kind === 'COMPLETED' ? 'label-success' : 'label-default';
  }

  function positionClass(position) {
    var state = position && position.state;
    if (state === 'DEAD_LETTERED' || state === 'FAILED' || state === 'EXPIRED') { return 'alert-danger'; }
    if (state === 'DELIVERED' || state === 'COMPLETED') { return 'alert-success'; }
    if (state === 'DISCARDED') { return 'alert-warning'; }
    return 'alert-info';
  }

  /** The hops as the timeline shows them: with the gap since the hop before. */
  function timeline(trace) {
    var previous = null;
    return (trace.hops || []).map(function (h) {
      var row = angular.extend({}, h);
      row.gap = previous ? '+' + millis(Math.max(0, Date.parse(h.time) - Date.parse(previous.time))) : '';
      previous = h;
      return row;
    });
  }

  function TraceController($scope, $location, traceService) {
    var ctrl = this;
    ctrl.clock = clock;
    ctrl.dayClock = dayClock;
    ctrl.millis = millis;
    ctrl.hopLabel = hopLabel;
    ctrl.positionClass = positionClass;
    ctrl.ranges = [
      {since: '', title: 'any time'}, {since: '15m', title: 'last 15 minutes'}, {since: '1h', title: 'last hour'},
      {since: '24h', title: 'last 24 hours'}, {since: '7d', title: 'last 7 days'}
    ];
    ctrl.form = {text: '', flow: '', since: '', failedOnly: false};
    ctrl.results = null;      // summaries of the last search
    ctrl.trace = null;        // the trace shown, with its rows
    ctrl.searched = null;     // what was searched, for "nothing found"

    function report(response) {
      ctrl.error = explain(response);
      $scope.$applyAsync();
    }

    ctrl.search = function () {
      var f = ctrl.form;
      var text = (f.text || '').trim();
      ctrl.error = null;
      ctrl.trace = null;
      traceService.search(text, (f.flow || '').trim(), f.since, f.failedOnly).then(function (found) {
        ctrl.results = found;
        ctrl.searched = text;
        if (text && found.length) {
          ctrl.open(found[0].traceId); // what a support person pasted: show the newest at once
        }
        $scope.$applyAsync();
      }, report);
    };

    ctrl.open = function (keyOrId) {
      traceService.trace(keyOrId).then(function (trace) {
        ctrl.trace = trace ? angular.extend(trace, {rows: timeline(trace)}) : null;
        if (!trace) {
          ctrl.error = 'No trace for ' + keyOrId + ' (any more: retention may have removed it).';
        }
        $scope.$applyAsync();
      }, report);
    };

    /** The dead letter of the trace's position, while the message is still on a dead-letter queue. */
    ctrl.deadLetter = function () {
      var t = ctrl.trace;
      if (!t || !t.position || t.position.state !== 'DEAD_LETTERED') { return null; }
      var hops = t.hops.filter(function (h) { return h.kind === 'DEAD_LETTERED'; });
      return hops.length ? hops[hops.length - 1] : null;
    };
    ctrl.isDeadLetter = function (index) {
      return ctrl.trace && ctrl.deadLetter() === ctrl.trace.hops[index];
    };
    ctrl.took = function (s) {
      return s.first && s.last ? millis(Date.parse(s.last) - Date.parse(s.first)) : '';
    };
    ctrl.openDeadLetter = function (hop) {
      ctrl.onOpen({tab: 'deadletters', focus: {message: hop.messageId, dlq: hop.target}});
    };
    ctrl.openFlow = function (flow) { ctrl.onOpen({tab: 'flows', focus: {flow: flow}}); };
    ctrl.openAudit = function (seq) { ctrl.onOpen({tab: 'audit', focus: {seq: seq}}); };

    ctrl.$onInit = function () {
      var key = $location.search().key;   // #/conflux?tab=trace&key=A-1 (links from the other pages)
      if (key) {
        ctrl.form.text = key;
        ctrl.search();
      }
    };
  }
  TraceController.$inject = ['$scope', '$location', 'confluxTraceService'];

  var TRACE_HTML =
    '<div class="conflux-trace">' +
    '<p>Where is a message? Search by its business key (e.g. an order id), trace id or JMS message id; or list the traces of a' +
    '  flow, a time range, the failed ones. A trace shows every hop the message took, newest trace first.</p>' +
    '<form class="form-inline conflux-trace-form" ng-submit="$ctrl.search()">' +
    '  <input class="form-control conflux-trace-text" ng-model="$ctrl.form.text" placeholder="business key, trace id or message id">' +
    '  <input class="form-control conflux-trace-flow" ng-model="$ctrl.form.flow" placeholder="flow (any)">' +
    '  <select class="form-control conflux-trace-since" ng-model="$ctrl.form.since" ng-options="r.since as r.title for r in $ctrl.ranges"></select>' +
    '  <label class="checkbox-inline"><input type="checkbox" class="conflux-trace-failed" ng-model="$ctrl.form.failedOnly"> failed only</label>' +
    '  <button type="submit" class="btn btn-primary conflux-trace-search">Search</button></form>' +
    '<div class="alert alert-danger conflux-trace-error" ng-if="$ctrl.error">' +
    '  <span class="pficon pficon-error-circle-o"></span> {{$ctrl.error}} <button class="close" ng-click="$ctrl.error = null">&times;</button></div>' +
    '<div class="panel panel-default conflux-trace-timeline" ng-if="$ctrl.trace" data-trace-id="{{$ctrl.trace.traceId}}">' +
    '  <div class="panel-heading"><strong>Trace {{$ctrl.trace.traceId}}</strong>' +
    '    <span ng-if="$ctrl.trace.businessKeys.length"> &middot; key <strong>{{$ctrl.trace.businessKeys.join(", ")}}</strong></span>' +
    '    &middot; {{$ctrl.trace.hops.length}} hops from {{$ctrl.dayClock($ctrl.trace.hops[0].time)}}' +
    '    <button class="close" ng-click="$ctrl.trace = null">&times;</button></div>' +
    '  <div class="panel-body">' +
    '    <div class="alert conflux-trace-position" ng-class="$ctrl.positionClass($ctrl.trace.position)" data-state="{{$ctrl.trace.position.state}}">' +
    '      <strong>Now:</strong> {{$ctrl.trace.position.text}}' +
    '      <a href="" class="conflux-trace-open-dlq" ng-if="$ctrl.deadLetter()" ng-click="$ctrl.openDeadLetter($ctrl.deadLetter())">Open the dead letter (retry it there)</a></div>' +
    '    <table class="table table-condensed table-bordered conflux-trace-hops"><thead><tr><th>Time</th><th class="text-right">Gap</th><th>Hop</th>' +
    '      <th>Flow</th><th>Where</th><th>Outcome</th><th>Queue wait</th><th>Attempt</th><th>Who</th><th>Detail</th></tr></thead>' +
    '      <tbody><tr ng-repeat="h in $ctrl.trace.rows" data-kind="{{h.kind}}" ng-class="{danger: h.kind === \'FAILED\' || h.kind === \'DEAD_LETTERED\' || h.kind === \'EXPIRED\'}">' +
    '        <td>{{$ctrl.clock(h.time)}}</td><td class="text-right text-muted">{{h.gap}}</td>' +
    '        <td><span class="label" ng-class="$ctrl.hopLabel(h.kind)">{{h.kind}}</span></td>' +
    '        <td><a href="" ng-if="h.flow" class="conflux-trace-flow-link" ng-click="$ctrl.openFlow(h.flow)">{{h.flow}}</a>' +
    '          <span class="small text-muted" ng-if="h.revision">rev. {{h.revision}}</span><div class="small text-muted">{{h.route}}</div></td>' +
    '        <td>{{h.target}}<div class="small text-muted" ng-if="h.node">{{h.node}}</div></td>' +
    '        <td>{{h.outcome}} <span ng-if="h.durationMillis >= 0">{{$ctrl.millis(h.durationMillis)}}</span></td>' +
    '        <td>{{$ctrl.millis(h.waitedMillis)}}</td><td>{{h.attempt || ""}}</td>' +
    '        <td>{{h.actor}}<div ng-if="h.auditId"><a href="" class="small conflux-trace-audit-link" ng-click="$ctrl.openAudit(h.auditId)">audit #{{h.auditId}}</a></div></td>' +
    '        <td class="small"><div ng-if="h.step"><strong>at {{h.step}}</strong></div><div ng-if="h.error">{{h.error}}</div>' +
    '          <div class="text-muted" ng-if="h.messageId">message {{h.messageId}}</div>' +
    '          <a href="" class="conflux-trace-hop-dlq" ng-if="$ctrl.isDeadLetter($index)" ng-click="$ctrl.openDeadLetter(h)">open the dead letter</a>' +
    '          <details ng-if="h.payload"><summary>body</summary><pre class="conflux-body">{{h.payload}}</pre></details></td></tr></tbody></table>' +
    '  </div></div>' +
    '<table class="table table-striped table-bordered table-hover conflux-trace-results" ng-if="$ctrl.results">' +
    '  <thead><tr><th>Started</th><th>Business key</th><th>Trace id</th><th>Flows</th><th class="text-right">Hops</th>' +
    '    <th class="text-right">Took</th><th>Now</th></tr></thead>' +
    '  <tbody><tr ng-repeat="s in $ctrl.results track by s.traceId" data-trace-id="{{s.traceId}}" ng-click="$ctrl.open(s.traceId)"' +
    '      ng-class="{info: $ctrl.trace.traceId === s.traceId}" style="cursor: pointer">' +
    '    <td>{{$ctrl.dayClock(s.first)}}</td><td>{{s.businessKeys.join(", ")}}</td><td class="small"><a href="">{{s.traceId}}</a></td>' +
    '    <td>{{s.flows.join(", ")}}</td><td class="text-right">{{s.hops}}</td>' +
    '    <td class="text-right">{{$ctrl.took(s)}}</td>' +
    '    <td><span class="label label-danger" ng-if="s.failed">failed</span> {{s.position.text}}</td></tr>' +
    '  <tr ng-if="!$ctrl.results.length"><td colspan="7">No trace{{$ctrl.searched ? " for " + $ctrl.searched : ""}} matches.</td></tr></tbody></table>' +
    '</div>';

  ConfluxTrace._module = angular.module(ConfluxTrace.pluginName, [])
    .service('confluxTraceService', TraceService)
    .component('confluxTrace', {template: TRACE_HTML, controller: TraceController, bindings: {onOpen: '&'}});

  var style = document.createElement('style');
  style.textContent = '.conflux-trace-form { margin-bottom: 12px; } .conflux-trace-form .form-control { margin-right: 6px; }' +
    ' .conflux-trace-text { width: 26em; } .conflux-trace-position a { margin-left: 10px; font-weight: bold; }' +
    ' .conflux-trace-hops td { vertical-align: top; }';
  document.head.appendChild(style);

  return ConfluxTrace;
})(ConfluxTrace || {});

hawtioPluginLoader.addModule(ConfluxTrace.pluginName);
