/*
 * The console's Cluster page (Conflux tab): the nodes of the cluster this Conflux belongs to, as the node the console
 * runs on sees them. Per node its host, what docs/cluster.md defines it as (primary, backup or client-only), the state
 * of its broker, its health, whether it reports (up, down, never seen) and when it last did; per flow the revision
 * each node runs and whether they are the same everywhere; and the problems found. Refreshed every 5 seconds.
 *
 * Everything goes through Jolokia to conflux:type=cluster (ClusterMXBean): status() (JSON). Who may call it is in
 * etc/jmx.acl.conflux.cluster.cfg (viewer, operator, admin). The page only reads.
 */
var ConfluxCluster = (function (ConfluxCluster) {
  'use strict';

  ConfluxCluster.pluginName = 'conflux-cluster';
  var CLUSTER = 'conflux:type=cluster';
  var REFRESH_MS = 5000;

  /** What the broker of a node is doing, as a Patternfly label. */
  var BROKER_LABEL = {'active': 'label-success', 'passive (in sync)': 'label-info',
    'passive (synchronising)': 'label-warning', 'none': 'label-default', 'unknown': 'label-warning',
    'not running': 'label-danger'};

  function explain(response) {
    return typeof Conflux !== 'undefined' ? Conflux.explain(response) : String(response && response.error);
  }

  /** The Jolokia calls of the page. */
  function ClusterService(jolokia) {
    this.status = function () {
      return Conflux.request(jolokia, {type: 'exec', mbean: CLUSTER, operation: 'status', arguments: []}).then(JSON.parse);
    };
  }
  ClusterService.$inject = ['jolokia'];

  /** The nodes named by the flows' revisions, in the order they come (a column each). */
  function columnsOf(flows) {
    var columns = [];
    (flows || []).forEach(function (f) {
      Object.keys(f.revisions || {}).forEach(function (node) {
        if (columns.indexOf(node) < 0) { columns.push(node); }
      });
    });
    return columns;
  }

  function ClusterController($scope, $interval, clusterService) {
    var ctrl = this;
    ctrl.status = null;
    ctrl.columns = [];

    ctrl.refresh = function () {
      clusterService.status().then(function (status) {
        ctrl.status = status;
        ctrl.columns = columnsOf(status.flows);
        ctrl.error = null;
      }, function (response) {
        ctrl.error = explain(response);
      }).finally(function () { $scope.$applyAsync(); });
    };

    /** The node the console runs on (outside a cluster, the only one: this instance). */
    ctrl.isLocal = function (n) { return !!ctrl.status && (!ctrl.status.clustered || n.name === ctrl.status.localNode); };
    /** What docs/cluster.md defines the node as: primary, backup, client-only (no broker); standalone outside a cluster. */
    ctrl.defined = function (n) { return n.defined === 'none' ? 'client-only' : n.defined; };
    ctrl.brokerLabel = function (n) { return BROKER_LABEL[n.broker] || 'label-default'; };

    /** danger: a node down or unhealthy; warning: one not known to be up and healthy; nothing when it is. */
    ctrl.rowClass = function (n) {
      if (n.state === 'down' || n.health === 'DOWN') { return 'danger'; }
      return n.state !== 'up' || n.health !== 'UP' ? 'warning' : '';
    };

    /** "12 s ago", or "never" for a node that never reported. */
    ctrl.lastReport = function (n) {
      if (!n.lastSeen) { return 'never'; }
      var age = Conflux.age(Math.max(0, Date.now() - Date.parse(String(n.lastSeen).replace(/(\.\d{3})\d+/, '$1'))));
      return age ? age + ' ago' : String(n.lastSeen);
    };

    var timer = $interval(ctrl.refresh, REFRESH_MS);
    ctrl.$onDestroy = function () { $interval.cancel(timer); };
    ctrl.$onInit = ctrl.refresh;
  }
  ClusterController.$inject = ['$scope', '$interval', 'confluxClusterService'];

  var CLUSTER_HTML =
    '<div class="conflux-cluster">' +
    '<p class="conflux-cluster-this" id="conflux-cluster-this">' +
    '  <span ng-if="$ctrl.status.clustered">This node: <strong class="conflux-cluster-local-name">{{$ctrl.status.localNode}}</strong></span>' +
    '  <span ng-if="$ctrl.status && !$ctrl.status.clustered">This instance is not a node of a cluster (see docs/cluster.md)</span>' +
    '  <span ng-if="!$ctrl.status">The cluster\'s status is not known yet.</span>' +
    '  <button class="btn btn-default btn-sm conflux-cluster-refresh" ng-click="$ctrl.refresh()">Refresh</button></p>' +
    '<div class="alert alert-danger conflux-cluster-error" ng-if="$ctrl.error">' +
    '  <span class="pficon pficon-error-circle-o"></span> {{$ctrl.error}} <button class="close" ng-click="$ctrl.error = null">&times;</button></div>' +
    '<div ng-if="$ctrl.status">' +
    '<div id="conflux-cluster-problems" class="alert conflux-cluster-problems"' +
    '    ng-class="$ctrl.status.problems.length ? \'alert-warning\' : \'alert-success\'">' +
    '  <span class="pficon" ng-class="$ctrl.status.problems.length ? \'pficon-warning-triangle-o\' : \'pficon-ok\'"></span>' +
    '  <strong>Problems</strong>' +
    '  <ul ng-if="$ctrl.status.problems.length"><li class="conflux-cluster-problem" ng-repeat="p in $ctrl.status.problems track by $index">{{p}}</li></ul>' +
    '  <span class="conflux-cluster-no-problems" ng-if="!$ctrl.status.problems.length">No problems</span></div>' +
    '<h4>Nodes</h4>' +
    '<table id="conflux-cluster-nodes" class="table table-bordered conflux-cluster-nodes">' +
    '  <thead><tr><th>Node</th><th>Host</th><th>Defined as</th><th>Broker</th><th>Health</th><th>State</th><th>Last report</th></tr></thead>' +
    '  <tbody><tr ng-repeat="n in $ctrl.status.nodes track by n.name" data-node="{{n.name}}" ng-class="$ctrl.rowClass(n)">' +
    '    <td class="conflux-cluster-node"><strong>{{n.name}}</strong>' +
    '      <span class="label label-primary conflux-cluster-local" ng-if="$ctrl.isLocal(n)">this node</span></td>' +
    '    <td>{{n.host}}</td><td>{{$ctrl.defined(n)}}</td>' +
    '    <td><span class="label" ng-class="$ctrl.brokerLabel(n)">{{n.broker}}</span></td>' +
    '    <td><span class="label" ng-class="{\'label-success\': n.health === \'UP\', \'label-danger\': n.health === \'DOWN\', \'label-warning\': n.health !== \'UP\' && n.health !== \'DOWN\'}">{{n.health}}</span></td>' +
    '    <td><span class="label" ng-class="{\'label-success\': n.state === \'up\', \'label-danger\': n.state === \'down\', \'label-warning\': n.state !== \'up\' && n.state !== \'down\'}">{{n.state}}</span></td>' +
    '    <td title="{{n.lastSeen}}">{{$ctrl.lastReport(n)}}</td></tr></tbody></table>' +
    '<h4>Flows <small>the revision each node runs</small></h4>' +
    '<table id="conflux-cluster-flows" class="table table-bordered conflux-cluster-flows">' +
    '  <thead><tr><th>Flow</th><th ng-repeat="c in $ctrl.columns" data-node="{{c}}" class="conflux-cluster-column">{{c}}</th>' +
    '    <th>Same everywhere</th></tr></thead>' +
    '  <tbody><tr ng-repeat="f in $ctrl.status.flows track by f.name" data-flow="{{f.name}}" ng-class="{danger: !f.same}">' +
    '    <td>{{f.name}}</td><td class="small" ng-repeat="c in $ctrl.columns" data-node="{{c}}">{{f.revisions[c] || "not deployed"}}</td>' +
    '    <td class="conflux-cluster-same"><span ng-if="f.same">yes</span><span class="label label-danger" ng-if="!f.same">differs</span></td></tr>' +
    '  <tr ng-if="!$ctrl.status.flows.length"><td colspan="{{$ctrl.columns.length + 2}}">No flows deployed.</td></tr></tbody></table>' +
    '<p class="small text-muted">Refreshed every 5 seconds.<span ng-if="$ctrl.status.clustered"> As node {{$ctrl.status.localNode}}' +
    '  sees the cluster: a node is down when it has not reported for a while (see docs/cluster.md).</span></p>' +
    '</div></div>';

  ConfluxCluster._module = angular.module(ConfluxCluster.pluginName, [])
    .service('confluxClusterService', ClusterService)
    .component('confluxCluster', {template: CLUSTER_HTML, controller: ClusterController});

  var style = document.createElement('style');
  style.textContent = '.conflux-cluster-problems ul { margin: 6px 0 0 20px; padding: 0; }' +
    ' .conflux-cluster-local { margin-left: 6px; } .conflux-cluster-this .btn { margin-left: 10px; }';
  document.head.appendChild(style);

  return ConfluxCluster;
})(ConfluxCluster || {});

hawtioPluginLoader.addModule(ConfluxCluster.pluginName);
