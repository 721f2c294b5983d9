/*
 * The console's Alerts page (Conflux tab) and the banner of firing alerts shown above the tabs of every Conflux page.
 *
 * Everything goes through Jolokia to conflux:type=alerts (AlertsMXBean): the active alerts (firing first, then
 * pending), the history of resolved ones, the rules and the channels; acknowledge, silence and unsilence. The server
 * decides who may act (etc/jmx.acl.conflux.alerts.cfg) and audits every action; the page asks Karaf's JMX security
 * MBean (canInvoke) only to hide buttons a viewer could not use anyway.
 */
var ConfluxAlerts = (function (ConfluxAlerts) {
  'use strict';

  ConfluxAlerts.pluginName = 'conflux-alerts';
  var ALERTS = 'conflux:type=alerts';
  var REFRESH_MS = 5000;   // as the other Conflux pages
  var BANNER_SHOWN = 3;    // summaries named in the banner; the rest are counted

  function explain(response) {
    return typeof Conflux !== 'undefined' ? Conflux.explain(response) : String(response && response.error);
  }

  /** The Jolokia calls of the page and the banner. */
  function AlertsService(jolokia) {
    function call(request) {
      return Conflux.request(jolokia, request);
    }
    function exec(operation, args) {
      return call({type: 'exec', mbean: ALERTS, operation: operation, arguments: args});
    }

    /** Active, History, Rules, Channels and FiringCount in one request. */
    this.readAll = function () {
      return call({type: 'read', mbean: ALERTS});
    };
    /** What the banner needs: how many fire, and the active alerts to name them. */
    this.readFiring = function () {
      return call({type: 'read', mbean: ALERTS, attribute: ['FiringCount', 'Active']});
    };
    this.acknowledge = function (alertId, comment) { return exec('acknowledge', [alertId, comment]); };
    this.silence = function (rule, duration, reason) { return exec('silence', [rule, duration, reason]); };
    this.unsilence = function (rule) { return exec('unsilence', [rule]); };

    /**
     * Whether the logged-in user may acknowledge and silence, as the server's ACL says (Karaf's canInvoke), asked each
     * time the page opens. When that cannot be asked, the buttons are shown and the server's answer is reported.
     */
    this.mayAct = function () {
      return call({type: 'search', mbean: 'org.apache.karaf:type=security,area=jmx,*'}).then(function (names) {
        if (!names || !names.length) {
          return true;
        }
        return call({type: 'exec', mbean: names[0], operation: 'canInvoke(java.lang.String,java.lang.String)',
          arguments: [ALERTS, 'acknowledge']});
      }).then(function (may) { return may !== false; }, function () { return true; });
    };
  }
  AlertsService.$inject = ['jolokia'];

  function when(iso) {
    return iso ? String(iso).slice(0, 19).replace('T', ' ') : '';
  }

  function ago(iso) {
    if (!iso || typeof Conflux === 'undefined') {
      return '';
    }
    var age = Conflux.age(Date.now() - Date.parse(iso));
    return age ? age + ' ago' : '';
  }

  function firingOf(active) {
    return (active || []).filter(function (a) { return a.state === 'FIRING'; });
  }

  // ---- the Alerts page ---------------------------------------------------------------------------------------
  function AlertsController($scope, $interval, alertsService) {
    var ctrl = this;
    ctrl.when = when;
    ctrl.ago = ago;
    ctrl.file = function (path) { return path ? String(path).replace(/^.*[\\/]/, '') : ''; };
    /** The Conflux tab an alert's link names (#/conflux?tab=queues), to open it in place. */
    ctrl.tabOf = function (link) {
      var m = /[?&]tab=(\w+)/.exec(link || '');
      return m ? m[1] : null;
    };
    ctrl.active = [];
    ctrl.history = [];
    ctrl.rules = [];
    ctrl.channels = [];
    ctrl.loaded = false;
    ctrl.mayAct = null;                // not known yet: no buttons until the server's ACL has been asked
    ctrl.comment = {};                 // alert id -> acknowledgement comment being typed
    ctrl.silenceFor = {};              // rule -> duration being typed
    ctrl.silenceReason = {};           // rule -> reason being typed

    ctrl.refresh = function () {
      alertsService.readAll().then(function (v) {
        ctrl.active = v.Active || [];
        ctrl.history = v.History || [];
        ctrl.rules = v.Rules || [];
        ctrl.channels = v.Channels || [];
        ctrl.firingCount = v.FiringCount;
        ctrl.loaded = true;
        ctrl.readError = null;
      }, function (response) {
        ctrl.readError = explain(response);
      }).finally(function () { $scope.$applyAsync(); });
    };

    function act(promise, success) {
      ctrl.error = null;
      ctrl.done = null;
      return promise.then(function (value) {
        ctrl.done = success(value);
      }, function (response) {
        ctrl.error = explain(response);
      }).finally(function () {
        ctrl.refresh();
        $scope.$applyAsync();
      });
    }

    ctrl.acknowledge = function (a) {
      var comment = ctrl.comment[a.id] || '';
      act(alertsService.acknowledge(a.id, comment), function () {
        delete ctrl.comment[a.id];
        return 'Alert ' + a.id + ' acknowledged: it stays on this page until it resolves, and is no longer repeated to its channels.';
      });
    };
    ctrl.silence = function (r) {
      var duration = ctrl.silenceFor[r.name] || '2h';
      act(alertsService.silence(r.name, duration, ctrl.silenceReason[r.name] || ''), function (rule) {
        delete ctrl.silenceReason[r.name];
        delete ctrl.silenceFor[r.name];
        return 'Rule ' + r.name + ' silenced until ' + when(rule && rule.silencedUntil) + ': it notifies no channel until then.';
      });
    };
    ctrl.unsilence = function (r) {
      act(alertsService.unsilence(r.name), function () { return 'Rule ' + r.name + ' notifies its channels again.'; });
    };

    var timer = $interval(ctrl.refresh, REFRESH_MS);
    ctrl.$onDestroy = function () { $interval.cancel(timer); };
    ctrl.$onInit = function () {
      ctrl.refresh();
      alertsService.mayAct().then(function (may) {
        ctrl.mayAct = may;
        $scope.$applyAsync();
      });
    };
  }
  AlertsController.$inject = ['$scope', '$interval', 'confluxAlertsService'];

  var SEVERITY_LABEL = '<span class="label" ng-class="a.severity === \'critical\' ? \'label-danger\' : \'label-warning\'">{{a.severity}}</span>';

  var ALERTS_HTML =
    '<div class="conflux-alerts" data-may-act="{{$ctrl.mayAct}}">' +
    '<p>Alerts raised by the rules of <code>etc/conflux.alert-*.cfg</code>: firing first, then pending (the condition holds but' +
    '  not yet for the rule\'s <code>for</code>), then the resolved ones. Acknowledge an alert you are handling to stop its repeats;' +
    '  silence a rule (with a reason) while you work on the cause.' +
    '  <button class="btn btn-default btn-sm" ng-click="$ctrl.refresh()">Refresh</button></p>' +
    '<div class="alert alert-danger conflux-alerts-error" ng-if="$ctrl.error || $ctrl.readError">' +
    '  <span class="pficon pficon-error-circle-o"></span> {{$ctrl.error || $ctrl.readError}}' +
    '  <button class="close" ng-if="$ctrl.error" ng-click="$ctrl.error = null">&times;</button></div>' +
    '<div class="alert alert-success conflux-alerts-done" ng-if="$ctrl.done">' +
    '  <span class="pficon pficon-ok"></span> {{$ctrl.done}} <button class="close" ng-click="$ctrl.done = null">&times;</button></div>' +
    '<h3>Active alerts</h3>' +
    '<table class="table table-bordered conflux-alerts-active"><thead><tr><th>State</th><th>Severity</th><th>Rule</th><th>Target</th>' +
    '  <th>Summary</th><th>Value</th><th>Since</th><th>Acknowledged by</th><th ng-if="$ctrl.mayAct">Actions</th></tr></thead>' +
    '  <tbody><tr ng-repeat="a in $ctrl.active track by a.id" data-alert-id="{{a.id}}" data-state="{{a.state}}"' +
    '      ng-class="{danger: a.state === \'FIRING\' && !a.acknowledgedBy, warning: a.state === \'PENDING\'}">' +
    '    <td><span class="label" ng-class="a.state === \'FIRING\' ? \'label-danger\' : \'label-warning\'">{{a.state}}</span>' +
    '      <span class="label label-default" ng-if="a.silenced">silenced</span></td>' +
    '    <td>' + SEVERITY_LABEL + '</td><td>{{a.rule}}</td><td>{{a.target}}</td>' +
    '    <td>{{a.summary}} <a href="" class="small" ng-if="$ctrl.tabOf(a.link)" ng-click="$ctrl.onOpen({tab: $ctrl.tabOf(a.link)})">open</a></td><td>{{a.value}}</td>' +
    '    <td>{{$ctrl.when(a.firingSince || a.since)}}<div class="small text-muted">{{$ctrl.ago(a.firingSince || a.since)}}</div></td>' +
    '    <td class="conflux-alert-ack">{{a.acknowledgedBy}}<div class="small text-muted" ng-if="a.acknowledgedBy">{{$ctrl.when(a.acknowledgedAt)}}' +
    '      <span ng-if="a.acknowledgeComment">: {{a.acknowledgeComment}}</span></div></td>' +
    '    <td ng-if="$ctrl.mayAct" class="form-inline conflux-actions"><span ng-if="!a.acknowledgedBy">' +
    '      <input class="form-control input-sm conflux-ack-comment" ng-model="$ctrl.comment[a.id]" placeholder="comment (who handles it, ticket)">' +
    '      <button class="btn btn-primary btn-sm conflux-ack" ng-click="$ctrl.acknowledge(a)">Acknowledge</button></span></td></tr>' +
    '  <tr ng-if="$ctrl.loaded && !$ctrl.active.length"><td colspan="9">No alert is firing or pending.</td></tr></tbody></table>' +
    '<h3>Rules</h3>' +
    '<table class="table table-striped table-bordered conflux-alerts-rules"><thead><tr><th>Rule</th><th>Kind</th><th>Target</th><th>Severity</th>' +
    '  <th>Settings</th><th>Channels</th><th>Status</th><th ng-if="$ctrl.mayAct">Silence</th></tr></thead>' +
    '  <tbody><tr ng-repeat="r in $ctrl.rules track by r.name" data-rule="{{r.name}}" ng-class="{danger: r.status === \'INVALID\'}">' +
    '    <td>{{r.name}}<div class="small text-muted" title="{{r.source}}">{{$ctrl.file(r.source)}}</div></td><td>{{r.kind}}</td><td>{{r.target}}</td><td>{{r.severity}}</td>' +
    '    <td class="small">{{r.settings}}</td><td class="small">{{(r.channels || []).join(", ")}}</td>' +
    '    <td class="conflux-rule-status"><span class="label" ng-class="{\'label-success\': r.status === \'ACTIVE\', \'label-default\': r.status === \'SILENCED\', \'label-danger\': r.status === \'INVALID\'}">{{r.status}}</span>' +
    '      <div class="small" ng-if="r.problem">{{r.problem}}</div>' +
    '      <div class="small" ng-if="r.status === \'SILENCED\'">until {{$ctrl.when(r.silencedUntil)}} by {{r.silencedBy}}: {{r.silenceReason}}</div></td>' +
    '    <td ng-if="$ctrl.mayAct" class="form-inline conflux-actions">' +
    '      <span ng-if="r.status === \'ACTIVE\'">' +
    '        <input class="form-control input-sm conflux-silence-duration" style="width:5em" ng-model="$ctrl.silenceFor[r.name]" placeholder="2h" title="for how long: 30m, 2h, 1d">' +
    '        <input class="form-control input-sm conflux-silence-reason" ng-model="$ctrl.silenceReason[r.name]" placeholder="reason">' +
    '        <button class="btn btn-default btn-sm conflux-silence" ng-disabled="!$ctrl.silenceReason[r.name]" ng-click="$ctrl.silence(r)">Silence</button></span>' +
    '      <button class="btn btn-default btn-sm conflux-unsilence" ng-if="r.status === \'SILENCED\'" ng-click="$ctrl.unsilence(r)">Unsilence</button></td></tr>' +
    '  <tr ng-if="$ctrl.loaded && !$ctrl.rules.length"><td colspan="8">No alert rules configured.</td></tr></tbody></table>' +
    '<h3>Channels</h3>' +
    '<table class="table table-striped table-bordered conflux-alerts-channels"><thead><tr><th>Channel</th><th>Type</th><th>Sends to</th>' +
    '  <th>Status</th><th>Last sent</th><th>Last error</th></tr></thead>' +
    '  <tbody><tr ng-repeat="c in $ctrl.channels track by c.name" data-channel="{{c.name}}" ng-class="{danger: c.status === \'INVALID\' || c.lastError}">' +
    '    <td>{{c.name}}<div class="small text-muted" title="{{c.source}}">{{$ctrl.file(c.source)}}</div></td><td>{{c.type}}</td><td class="small">{{c.target}}</td>' +
    '    <td><span class="label" ng-class="c.status === \'ACTIVE\' ? \'label-success\' : \'label-danger\'">{{c.status}}</span>' +
    '      <div class="small" ng-if="c.problem">{{c.problem}}</div></td>' +
    '    <td>{{$ctrl.when(c.lastSentAt) || "never"}}</td><td class="small conflux-channel-error">{{c.lastError}}</td></tr></tbody></table>' +
    '<h3>History</h3>' +
    '<table class="table table-striped table-bordered conflux-alerts-history"><thead><tr><th>Severity</th><th>Rule</th><th>Target</th>' +
    '  <th>Summary</th><th>Fired</th><th>Resolved</th><th>Acknowledged by</th></tr></thead>' +
    '  <tbody><tr ng-repeat="a in $ctrl.history" data-alert-id="{{a.id}}">' +
    '    <td>' + SEVERITY_LABEL + '</td><td>{{a.rule}}</td><td>{{a.target}}</td><td>{{a.summary}}</td>' +
    '    <td>{{$ctrl.when(a.firingSince) || "never (resolved while pending)"}}</td><td>{{$ctrl.when(a.resolvedAt)}}</td>' +
    '    <td>{{a.acknowledgedBy}}<span class="small text-muted" ng-if="a.acknowledgeComment">: {{a.acknowledgeComment}}</span></td></tr>' +
    '  <tr ng-if="$ctrl.loaded && !$ctrl.history.length"><td colspan="7">No resolved alerts kept.</td></tr></tbody></table>' +
    '</div>';

  // ---- the banner above the Conflux tabs ---------------------------------------------------------------------
  function BannerController($scope, $interval, alertsService) {
    var ctrl = this;
    ctrl.count = 0;
    ctrl.firing = [];

    ctrl.refresh = function () {
      alertsService.readFiring().then(function (v) {
        ctrl.firing = firingOf(v.Active);
        ctrl.count = v.FiringCount || ctrl.firing.length;
        ctrl.critical = ctrl.firing.some(function (a) { return a.severity === 'critical'; });
        ctrl.shown = ctrl.firing.slice(0, BANNER_SHOWN);
        ctrl.more = ctrl.count - ctrl.shown.length;
      }, function () {
        ctrl.count = 0; // no alerting here, or not readable by this role: the Alerts page says why
      }).finally(function () { $scope.$applyAsync(); });
    };

    var timer = $interval(ctrl.refresh, REFRESH_MS);
    ctrl.$onDestroy = function () { $interval.cancel(timer); };
    ctrl.$onInit = ctrl.refresh;
  }
  BannerController.$inject = ['$scope', '$interval', 'confluxAlertsService'];

  var BANNER_HTML =
    '<div class="alert conflux-alert-banner" ng-if="$ctrl.count > 0" ng-class="$ctrl.critical ? \'alert-danger\' : \'alert-warning\'">' +
    '  <span class="pficon" ng-class="$ctrl.critical ? \'pficon-error-circle-o\' : \'pficon-warning-triangle-o\'"></span>' +
    '  <strong>{{$ctrl.count}} {{$ctrl.count === 1 ? "alert" : "alerts"}} firing:</strong> ' +
    '<span ng-repeat="a in $ctrl.shown">{{a.summary}}<span ng-if="a.acknowledgedBy"> (acknowledged by {{a.acknowledgedBy}})</span>{{$last ? "" : "; "}}</span>' +
    '<span ng-if="$ctrl.more > 0"> and {{$ctrl.more}} more</span>.' +
    '  <a href="" class="conflux-alert-banner-open" ng-click="$ctrl.onOpen()">Open the Alerts page</a></div>';

  ConfluxAlerts._module = angular.module(ConfluxAlerts.pluginName, [])
    .service('confluxAlertsService', AlertsService)
    .component('confluxAlerts', {template: ALERTS_HTML, controller: AlertsController, bindings: {onOpen: '&'}})
    .component('confluxAlertBanner', {template: BANNER_HTML, controller: BannerController, bindings: {onOpen: '&'}})
    .run(followNotificationLink);

  /**
   * Notifications link to #/conflux?tab=…; the console's addresses are plain paths (/hawtio/conflux?tab=…), so such a
   * link arrives as a fragment of the start page: go where it points.
   */
  function followNotificationLink($location) {
    var hash = $location.hash();
    if (/^\/conflux(\?|$)/.test(hash)) {
      $location.url(hash);
    }
  }
  followNotificationLink.$inject = ['$location'];

  var style = document.createElement('style');
  style.textContent = '.conflux-alert-banner a { margin-left: 8px; font-weight: bold; } .conflux-ack-comment { width: 18em; }' +
    ' .conflux-silence-reason { width: 14em; } .conflux-alerts .conflux-actions input { margin-right: 4px; }';
  document.head.appendChild(style);

  return ConfluxAlerts;
})(ConfluxAlerts || {});

hawtioPluginLoader.addModule(ConfluxAlerts.pluginName);
