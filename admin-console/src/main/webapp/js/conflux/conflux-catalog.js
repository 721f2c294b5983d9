/*
 * The console's Catalog page (Conflux tab): the interface catalog read from what runs. The graph (flows, published
 * APIs, queues, connector instances and the systems behind them; arrows the way data goes) and a searchable list of
 * every node. Choosing a node, in the graph or the list, shows its details and contracts (OpenAPI, WSDL) and its
 * impact: the flows that use it, feed it and are fed by it, the published APIs (with the consumers API usage saw
 * calling them) and the alert rules concerned; the nodes concerned are outlined in the graph.
 *
 * Everything goes through Jolokia to conflux:type=catalog (CatalogMXBean): Catalog (JSON), Graph (SVG written by the
 * server from the same catalog) and impact(kind, name) (JSON). Who may call it is in etc/jmx.acl.conflux.catalog.cfg
 * (viewer, operator, admin). The page only reads.
 */
var ConfluxCatalog = (function (ConfluxCatalog) {
  'use strict';

  ConfluxCatalog.pluginName = 'conflux-catalog';
  var CATALOG = 'conflux:type=catalog';

  /** What conflux:impact calls each kind of node. */
  var IMPACT_KIND = {flow: 'flow', queue: 'queue', topic: 'queue', api: 'endpoint', endpoint: 'endpoint',
    connector: 'connector', system: 'host'};

  function explain(response) {
    return typeof Conflux !== 'undefined' ? Conflux.explain(response) : String(response && response.error);
  }

  /** The Jolokia calls of the page. */
  function CatalogService(jolokia) {
    function request(body, parse) {
      var value = Conflux.request(jolokia, body);
      return parse ? value.then(JSON.parse) : value;
    }
    this.catalog = function () { return request({type: 'read', mbean: CATALOG, attribute: 'Catalog'}, true); };
    this.graph = function () { return request({type: 'read', mbean: CATALOG, attribute: 'Graph'}, false); };
    this.impact = function (node) {
      return request({type: 'exec', mbean: CATALOG, operation: 'impact', arguments: [IMPACT_KIND[kindOf(node)], node.name]}, true);
    };
  }
  CatalogService.$inject = ['jolokia'];

  /** A node's kind as the server writes it (FLOW) or as the shell shows it (flow). */
  function kindOf(node) { return String(node.kind).toLowerCase(); }

  function CatalogController($scope, $element, $sce, catalogService) {
    var ctrl = this;
    ctrl.filter = '';
    ctrl.catalog = null;
    ctrl.graph = null;
    ctrl.selected = null;
    ctrl.impact = null;
    ctrl.kindOf = kindOf;

    function report(response) {
      ctrl.error = explain(response);
      $scope.$applyAsync();
    }

    /** Outlines the selected node and those its impact concerns, in the drawn graph. */
    function outline() {
      var concerned = {};
      if (ctrl.impact) {
        ctrl.impact.direct.concat(ctrl.impact.upstream, ctrl.impact.downstream).forEach(function (f) { concerned['flow:' + f] = true; });
        ctrl.impact.apis.forEach(function (a) { concerned[a.id] = true; });
        ctrl.impact.paths.forEach(function (p) { p.split(' \u2192 ').forEach(function (id) { concerned[id] = true; }); });
      }
      angular.forEach($element[0].querySelectorAll('svg#graph g.node'), function (g) {
        var id = g.getAttribute('data-id');
        g.classList.toggle('selected', !!ctrl.selected && ctrl.selected.id === id);
        g.classList.toggle('impacted', !!concerned[id] && !(ctrl.selected && ctrl.selected.id === id));
      });
    }

    ctrl.load = function () {
      ctrl.error = null;
      Promise.all([catalogService.catalog(), catalogService.graph()]).then(function (both) {
        ctrl.catalog = both[0];
        ctrl.into = {};
        ctrl.out = {};
        ctrl.catalog.edges.forEach(function (e) {
          (ctrl.into[e.to] = ctrl.into[e.to] || []).push(e.from);
          (ctrl.out[e.from] = ctrl.out[e.from] || []).push(e.to);
        });
        ctrl.graph = $sce.trustAsHtml(both[1]); // written by the server from the catalog, every text escaped
        ctrl.selected = ctrl.selected && ctrl.catalog.nodes.filter(function (n) { return n.id === ctrl.selected.id; })[0];
        $scope.$applyAsync(function () { setTimeout(outline); });
      }, report);
    };

    ctrl.select = function (node) {
      ctrl.selected = node;
      ctrl.impact = null;
      outline();
      catalogService.impact(node).then(function (impact) {
        if (ctrl.selected === node) {
          ctrl.impact = impact;
          outline();
        }
        $scope.$applyAsync();
      }, report);
    };

    /** A click in the graph: the node under it. */
    ctrl.graphClick = function (event) {
      var g = event.target.closest && event.target.closest('g.node');
      if (!g || !ctrl.catalog) { return; }
      var id = g.getAttribute('data-id');
      var node = ctrl.catalog.nodes.filter(function (n) { return n.id === id; })[0];
      if (node) { ctrl.select(node); }
    };

    ctrl.matches = function (node) {
      var f = (ctrl.filter || '').toLowerCase().trim();
      if (!f) { return true; }
      var text = (kindOf(node) + ' ' + node.name + ' ' + JSON.stringify(node.details)).toLowerCase();
      return text.indexOf(f) >= 0;
    };

    ctrl.detailKeys = function (node) {
      return Object.keys(node.details || {}).filter(function (k) { return k !== 'openapi' && k !== 'wsdl'; }).sort();
    };

    /** The nodes feeding a node (into) or fed by it, from the maps made once per load. */
    ctrl.neighbours = function (node, into) {
      return ((into ? ctrl.into : ctrl.out) || {})[node.id] || [];
    };

    ctrl.$onInit = ctrl.load;
  }
  CatalogController.$inject = ['$scope', '$element', '$sce', 'confluxCatalogService'];

  var CATALOG_HTML =
    '<div class="conflux-catalog">' +
    '<p>Every interface of this Conflux, read from the flows and connector instances that run now. Choose a node, in the' +
    '  graph or the list, to see its details, contracts and impact: what uses it, feeds it and is fed by it.' +
    '  <button class="btn btn-default btn-sm conflux-catalog-refresh" ng-click="$ctrl.load()">Refresh</button></p>' +
    '<div class="alert alert-danger conflux-catalog-error" ng-if="$ctrl.error">' +
    '  <span class="pficon pficon-error-circle-o"></span> {{$ctrl.error}} <button class="close" ng-click="$ctrl.error = null">&times;</button></div>' +
    '<div class="conflux-catalog-graph" ng-if="$ctrl.graph" ng-click="$ctrl.graphClick($event)" ng-bind-html="$ctrl.graph"></div>' +
    '<div class="panel panel-default conflux-catalog-node" ng-if="$ctrl.selected" data-id="{{$ctrl.selected.id}}">' +
    '  <div class="panel-heading"><strong>{{$ctrl.kindOf($ctrl.selected)}} {{$ctrl.selected.name}}</strong>' +
    '    <button class="close" ng-click="$ctrl.selected = null; $ctrl.impact = null">&times;</button></div>' +
    '  <div class="panel-body"><div class="row">' +
    '   <div class="col-md-5"><dl class="dl-horizontal">' +
    '    <dt ng-repeat-start="k in $ctrl.detailKeys($ctrl.selected)">{{k}}</dt><dd ng-repeat-end>{{$ctrl.selected.details[k]}}</dd>' +
    '    <dt ng-if="$ctrl.selected.details.openapi">contract</dt><dd ng-if="$ctrl.selected.details.openapi">' +
    '      <a class="conflux-catalog-openapi" target="_blank" rel="noopener" ng-href="{{$ctrl.selected.details.openapi}}">OpenAPI</a></dd>' +
    '    <dt ng-if="$ctrl.selected.details.wsdl">contract</dt><dd ng-if="$ctrl.selected.details.wsdl">' +
    '      <a class="conflux-catalog-wsdl" target="_blank" rel="noopener" ng-href="{{$ctrl.selected.details.wsdl}}">WSDL</a></dd>' +
    '    <dt>from</dt><dd>{{$ctrl.neighbours($ctrl.selected, true).join(", ") || "nothing"}}</dd>' +
    '    <dt>to</dt><dd>{{$ctrl.neighbours($ctrl.selected, false).join(", ") || "nothing"}}</dd></dl></div>' +
    '   <div class="col-md-7 conflux-catalog-impact" ng-if="$ctrl.impact">' +
    '    <h4>Impact</h4><dl class="dl-horizontal">' +
    '    <dt>uses it</dt><dd class="conflux-impact-direct">{{$ctrl.impact.direct.join(", ") || "none"}}</dd>' +
    '    <dt>feeds it</dt><dd class="conflux-impact-upstream">{{$ctrl.impact.upstream.join(", ") || "none"}}</dd>' +
    '    <dt>fed by it</dt><dd class="conflux-impact-downstream">{{$ctrl.impact.downstream.join(", ") || "none"}}</dd>' +
    '    <dt>APIs</dt><dd class="conflux-impact-apis"><span ng-repeat="a in $ctrl.impact.apis">{{a.name}}' +
    '      <span class="small text-muted conflux-impact-consumers" ng-if="$ctrl.impact.consumers[a.name].length">' +
    '      (called by {{$ctrl.impact.consumers[a.name].join(", ")}} in 30 days)</span>{{$last ? "" : ", "}}</span>' +
    '      <span ng-if="!$ctrl.impact.apis.length">none</span></dd>' +
    '    <dt>alert rules</dt><dd class="conflux-impact-alerts">{{$ctrl.impact.alerts.join(", ") || "none"}}</dd></dl>' +
    '    <ul class="small conflux-impact-paths"><li ng-repeat="p in $ctrl.impact.paths">{{p}}</li></ul></div>' +
    '  </div></div></div>' +
    '<form class="form-inline conflux-catalog-form" ng-submit="0"><input class="form-control conflux-catalog-filter"' +
    '  ng-model="$ctrl.filter" placeholder="filter: a name, a kind, a host, an owner"></form>' +
    '<table class="table table-striped table-bordered table-hover conflux-catalog-nodes" ng-if="$ctrl.catalog">' +
    '  <thead><tr><th>Kind</th><th>Name</th><th>From</th><th>To</th><th>Details</th></tr></thead>' +
    '  <tbody><tr ng-repeat="n in $ctrl.catalog.nodes | filter:$ctrl.matches track by n.id" data-id="{{n.id}}"' +
    '      ng-click="$ctrl.select(n)" ng-class="{info: $ctrl.selected.id === n.id}" style="cursor: pointer">' +
    '    <td>{{$ctrl.kindOf(n)}}</td><td><a href="">{{n.name}}</a></td>' +
    '    <td class="small">{{$ctrl.neighbours(n, true).join(", ")}}</td><td class="small">{{$ctrl.neighbours(n, false).join(", ")}}</td>' +
    '    <td class="small"><span ng-repeat="k in $ctrl.detailKeys(n)">{{k}}: {{n.details[k]}}{{$last ? "" : "; "}}</span></td></tr></tbody></table>' +
    '<p class="small text-muted" ng-if="$ctrl.catalog">Environment {{$ctrl.catalog.environment}}, read at {{$ctrl.catalog.builtAt}}.' +
    '  <span ng-if="$ctrl.catalog.dynamic.length">Targets computed per message (shown once used): ' +
    '  <span ng-repeat="d in $ctrl.catalog.dynamic">{{d.flow}}: {{d.expression}}{{$last ? "" : "; "}}</span></span></p>' +
    '</div>';

  ConfluxCatalog._module = angular.module(ConfluxCatalog.pluginName, [])
    .service('confluxCatalogService', CatalogService)
    .component('confluxCatalog', {template: CATALOG_HTML, controller: CatalogController});

  var style = document.createElement('style');
  style.textContent = '.conflux-catalog-graph { overflow: auto; max-height: 520px; margin-bottom: 12px; }' +
    ' .conflux-catalog-graph svg { background: #fff; border: 1px solid #ddd; } .conflux-catalog-graph g.node { cursor: pointer; }' +
    ' .conflux-catalog-filter { width: 30em; margin-bottom: 8px; } .conflux-catalog-node dd { word-break: break-all; }';
  document.head.appendChild(style);

  return ConfluxCatalog;
})(ConfluxCatalog || {});

hawtioPluginLoader.addModule(ConfluxCatalog.pluginName);
