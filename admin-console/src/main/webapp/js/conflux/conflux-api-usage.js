/*
 * The console's API usage page (Conflux tab): who calls which published REST/SOAP operation, how often, how fast and
 * with which outcome, over the last 5 minutes, hour, day or 30 days. Per flow, its business counter ("orders
 * accepted per hour, success rate"); the top operations and consumers with errors by status class, latency
 * percentiles and bytes; the trend of calls, errors and p95 latency step by step; and the CSV export.
 *
 * Everything goes through Jolokia to conflux:type=apiusage (ApiUsageMXBean): usage(window, by), trend(window,
 * operation), flowCounters(window) (JSON) and csv(window, by, hourly). Who may call it is in
 * etc/jmx.acl.conflux.apiusage.cfg (viewer, operator, admin). The page only reads.
 */
var ConfluxApiUsage = (function (ConfluxApiUsage) {
  'use strict';

  ConfluxApiUsage.pluginName = 'conflux-api-usage';
  var USAGE = 'conflux:type=apiusage';
  var CHART = {width: 720, height: 160, pad: 24};

  function explain(response) {
    return typeof Conflux !== 'undefined' ? Conflux.explain(response) : String(response && response.error);
  }

  /** The Jolokia calls of the page. */
  function ApiUsageService(jolokia) {
    function exec(operation, args, parse) {
      var value = Conflux.request(jolokia, {type: 'exec', mbean: USAGE, operation: operation, arguments: args});
      return parse ? value.then(JSON.parse) : value;
    }
    this.usage = function (window, by) { return exec('usage', [window, by], true); };
    this.trend = function (window, operation) { return exec('trend', [window, operation || ''], true); };
    this.flowCounters = function (window) { return exec('flowCounters', [window], true); };
    this.csv = function (window, hourly) { return exec('csv', [window, 'both', hourly], false); };
  }
  ApiUsageService.$inject = ['jolokia'];

  /** Bars of calls (errors on top, in red) and the p95 latency as a line, scaled to the chart. */
  function chart(points) {
    var n = points.length || 1;
    var w = (CHART.width - 2 * CHART.pad) / n;
    var maxCalls = Math.max.apply(null, points.map(function (p) { return p.calls; }).concat([1]));
    var maxP95 = Math.max.apply(null, points.map(function (p) { return p.p95Millis; }).concat([1]));
    var h = CHART.height - 2 * CHART.pad;
    var bars = points.map(function (p, i) {
      var callsH = h * p.calls / maxCalls;
      var errorsH = h * (p.clientErrors + p.serverErrors) / maxCalls;
      return {x: CHART.pad + i * w, w: Math.max(1, w - 1), y: CHART.pad + h - callsH, h: callsH,
        ey: CHART.pad + h - callsH, eh: errorsH, title: p.start + ': ' + p.calls + ' calls, ' +
          (p.clientErrors + p.serverErrors) + ' errors, p95 ' + p.p95Millis.toFixed(1) + ' ms'};
    });
    var line = points.map(function (p, i) {
      return (CHART.pad + i * w + w / 2).toFixed(1) + ',' + (CHART.pad + h - h * p.p95Millis / maxP95).toFixed(1);
    }).join(' ');
    return {bars: bars, line: line, maxCalls: maxCalls, maxP95: maxP95, width: CHART.width, height: CHART.height,
      from: points.length ? points[0].start : '', to: points.length ? points[points.length - 1].start : ''};
  }

  function ApiUsageController($scope, apiUsageService) {
    var ctrl = this;
    ctrl.windows = ['5m', '1h', '1d', '30d'];
    ctrl.window = '1h';
    ctrl.operation = '';

    function report(response) {
      ctrl.error = explain(response);
      $scope.$applyAsync();
    }

    ctrl.load = function () {
      ctrl.error = null;
      var w = ctrl.window;
      Promise.all([apiUsageService.flowCounters(w), apiUsageService.usage(w, 'operation'),
        apiUsageService.usage(w, 'consumer'), apiUsageService.usage(w, 'both'),
        apiUsageService.trend(w, ctrl.operation)]).then(function (all) {
        ctrl.flows = all[0];
        ctrl.operations = all[1];
        ctrl.consumers = all[2];
        ctrl.pairs = all[3];
        ctrl.chart = chart(all[4]);
        $scope.$applyAsync();
      }, report);
    };

    ctrl.choose = function (window) {
      ctrl.window = window;
      ctrl.load();
    };

    ctrl.errors = function (row) { return row.clientErrors + row.serverErrors; };
    ctrl.rate = function (row) { return row.calls ? 100 * ctrl.errors(row) / row.calls : 0; };

    /** Downloads the usage as CSV: the rows of the window, or its hourly roll-ups. */
    ctrl.download = function (hourly) {
      apiUsageService.csv(ctrl.window, hourly).then(function (csv) {
        var link = document.createElement('a');
        link.href = URL.createObjectURL(new Blob([csv], {type: 'text/csv'}));
        link.download = 'api-usage-' + ctrl.window + (hourly ? '-hourly' : '') + '.csv';
        document.body.appendChild(link);
        link.click();
        document.body.removeChild(link);
      }, report);
    };

    ctrl.$onInit = ctrl.load;
  }
  ApiUsageController.$inject = ['$scope', 'confluxApiUsageService'];

  var ROWS_HEAD = '<th class="text-right">Calls</th><th class="text-right">4xx</th><th class="text-right">5xx</th>' +
    '<th class="text-right">Errors</th><th class="text-right">p50 ms</th><th class="text-right">p95 ms</th>' +
    '<th class="text-right">p99 ms</th><th class="text-right">Bytes in</th><th class="text-right">Bytes out</th>';
  var ROWS_CELLS = '<td class="text-right">{{r.calls}}</td><td class="text-right">{{r.clientErrors}}</td>' +
    '<td class="text-right">{{r.serverErrors}}</td><td class="text-right">{{$ctrl.rate(r) | number:1}} %</td>' +
    '<td class="text-right">{{r.p50Millis | number:1}}</td><td class="text-right">{{r.p95Millis | number:1}}</td>' +
    '<td class="text-right">{{r.p99Millis | number:1}}</td><td class="text-right">{{r.bytesIn}}</td>' +
    '<td class="text-right">{{r.bytesOut}}</td>';

  var API_USAGE_HTML =
    '<div class="conflux-api-usage">' +
    '<p>Calls to the REST and SOAP operations the flows publish, by operation and consumer (the authenticated' +
    '  identity, else the client address). Over the last' +
    '  <span class="btn-group"><button ng-repeat="w in $ctrl.windows" class="btn btn-sm conflux-usage-window"' +
    '    ng-class="w === $ctrl.window ? \'btn-primary\' : \'btn-default\'" ng-click="$ctrl.choose(w)">{{w}}</button></span>' +
    '  <button class="btn btn-default btn-sm conflux-usage-refresh" ng-click="$ctrl.load()">Refresh</button>' +
    '  <button class="btn btn-default btn-sm conflux-usage-csv" ng-click="$ctrl.download(false)">CSV</button>' +
    '  <button class="btn btn-default btn-sm conflux-usage-csv-hourly" ng-click="$ctrl.download(true)">CSV by hour</button></p>' +
    '<div class="alert alert-danger conflux-usage-error" ng-if="$ctrl.error">' +
    '  <span class="pficon pficon-error-circle-o"></span> {{$ctrl.error}} <button class="close" ng-click="$ctrl.error = null">&times;</button></div>' +
    '<h4>Business counters</h4>' +
    '<table class="table table-bordered conflux-usage-flows" ng-if="$ctrl.flows.length">' +
    '  <thead><tr><th>Flow</th><th class="text-right">Accepted</th><th class="text-right">Per hour</th>' +
    '    <th class="text-right">Success rate</th><th class="text-right">Refused (4xx)</th><th class="text-right">Failed (5xx)</th><th>Operations</th></tr></thead>' +
    '  <tbody><tr ng-repeat="f in $ctrl.flows track by f.flow" data-flow="{{f.flow}}">' +
    '    <td>{{f.flow}}</td><td class="text-right">{{f.accepted}} {{f.unit}}</td>' +
    '    <td class="text-right">{{f.perHour | number:1}} {{f.unit}}/h</td><td class="text-right">{{100 * f.successRate | number:1}} %</td>' +
    '    <td class="text-right">{{f.refused}}</td><td class="text-right">{{f.failed}}</td><td class="small">{{f.operations}}</td></tr></tbody></table>' +
    '<p class="text-muted" ng-if="$ctrl.flows && !$ctrl.flows.length">No flow publishes a REST or SOAP operation.</p>' +
    '<h4>Trend <small>calls per step: a minute (5m), 5 minutes (1h), an hour (1d), 24 hours (30d); errors in red,' +
    '  p95 latency as the line</small></h4>' +
    '<form class="form-inline"><select class="form-control input-sm conflux-usage-operation" ng-model="$ctrl.operation" ng-change="$ctrl.load()">' +
    '  <option value="">every operation</option><option ng-repeat="o in $ctrl.operations" value="{{o.operation}}">{{o.operation}}</option></select></form>' +
    '<svg class="conflux-usage-chart" ng-if="$ctrl.chart" ng-attr-width="{{$ctrl.chart.width}}" ng-attr-height="{{$ctrl.chart.height}}">' +
    '  <g ng-repeat="b in $ctrl.chart.bars"><title>{{b.title}}</title>' +
    '    <rect class="calls" ng-attr-x="{{b.x}}" ng-attr-y="{{b.y}}" ng-attr-width="{{b.w}}" ng-attr-height="{{b.h}}"></rect>' +
    '    <rect class="errors" ng-attr-x="{{b.x}}" ng-attr-y="{{b.ey}}" ng-attr-width="{{b.w}}" ng-attr-height="{{b.eh}}"></rect></g>' +
    '  <polyline class="p95" ng-attr-points="{{$ctrl.chart.line}}"></polyline>' +
    '  <text x="2" y="14">{{$ctrl.chart.maxCalls}} calls</text><text ng-attr-x="{{$ctrl.chart.width - 4}}" y="14" text-anchor="end">p95 {{$ctrl.chart.maxP95 | number:1}} ms</text>' +
    '  <text x="24" ng-attr-y="{{$ctrl.chart.height - 4}}">{{$ctrl.chart.from}}</text>' +
    '  <text ng-attr-x="{{$ctrl.chart.width - 4}}" ng-attr-y="{{$ctrl.chart.height - 4}}" text-anchor="end">{{$ctrl.chart.to}}</text></svg>' +
    '<div class="row"><div class="col-md-6"><h4>Top operations</h4>' +
    '<table class="table table-striped table-bordered conflux-usage-operations">' +
    '  <thead><tr><th>Operation</th>' + ROWS_HEAD + '</tr></thead>' +
    '  <tbody><tr ng-repeat="r in $ctrl.operations" data-operation="{{r.operation}}"><td>{{r.operation}}' +
    '    <span class="small text-muted" ng-if="r.endpoint !== r.operation">{{r.endpoint}}</span></td>' + ROWS_CELLS + '</tr></tbody></table></div>' +
    '<div class="col-md-6"><h4>Top consumers</h4>' +
    '<table class="table table-striped table-bordered conflux-usage-consumers">' +
    '  <thead><tr><th>Consumer</th>' + ROWS_HEAD + '</tr></thead>' +
    '  <tbody><tr ng-repeat="r in $ctrl.consumers" data-consumer="{{r.consumer}}"><td>{{r.consumer}}</td>' + ROWS_CELLS + '</tr></tbody></table></div></div>' +
    '<h4>By operation and consumer</h4>' +
    '<table class="table table-striped table-bordered conflux-usage-pairs">' +
    '  <thead><tr><th>Operation</th><th>Consumer</th>' + ROWS_HEAD + '</tr></thead>' +
    '  <tbody><tr ng-repeat="r in $ctrl.pairs"><td>{{r.operation}}</td><td>{{r.consumer}}</td>' + ROWS_CELLS + '</tr></tbody></table>' +
    '<p class="small text-muted">5m is counted by the minute and 1h by 5-minute steps, in memory since Conflux started;' +
    '  1d and 30d come from the hourly roll-ups (whole hours, kept 13 months). Latencies: from the request\'s arrival' +
    '  to the answer.</p>' +
    '</div>';

  ConfluxApiUsage._module = angular.module(ConfluxApiUsage.pluginName, [])
    .service('confluxApiUsageService', ApiUsageService)
    .component('confluxApiUsage', {template: API_USAGE_HTML, controller: ApiUsageController});

  var style = document.createElement('style');
  style.textContent = '.conflux-usage-chart { background: #fff; border: 1px solid #ddd; margin: 8px 0 16px; }' +
    ' .conflux-usage-chart rect.calls { fill: #39a5dc; } .conflux-usage-chart rect.errors { fill: #cc0000; }' +
    ' .conflux-usage-chart polyline.p95 { fill: none; stroke: #f0ab00; stroke-width: 2; }' +
    ' .conflux-usage-chart text { font-size: 11px; fill: #555; }';
  document.head.appendChild(style);

  return ConfluxApiUsage;
})(ConfluxApiUsage || {});

hawtioPluginLoader.addModule(ConfluxApiUsage.pluginName);
