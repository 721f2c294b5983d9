/*
 * The console's Trust page (Conflux tab): the trust inventory for the security architect, read only. Every listener
 * with its address, port, TLS and authentication; every service endpoint's policy; every keystore and truststore
 * certificate with its expiry (flagged within 30 days); API keys; connector secrets (encrypted or clear text);
 * lockouts in force. One Jolokia read of conflux:type=trust; every console role may read it.
 */
var ConfluxTrust = (function (ConfluxTrust) {
  'use strict';

  ConfluxTrust.pluginName = 'conflux-trust';
  var TRUST = 'conflux:type=trust';

  /** Reads the whole inventory in one Jolokia request. */
  function TrustService(jolokia) {
    this.read = function () {
      return Conflux.request(jolokia, {type: 'read', mbean: TRUST});
    };
  }
  TrustService.$inject = ['jolokia'];

  function TrustController($scope, trustService) {
    var ctrl = this;
    ctrl.report = null;
    ctrl.error = null;
    ctrl.day = function (iso) { return iso ? String(iso).slice(0, 10) : ''; };
    ctrl.when = function (iso) { return iso ? String(iso).slice(0, 19).replace('T', ' ') : 'never'; };
    ctrl.refresh = function () {
      trustService.read().then(function (value) {
        ctrl.report = value;
        ctrl.error = null;
      }, function (response) {
        ctrl.error = typeof Conflux !== 'undefined' ? Conflux.explain(response) : String(response.error);
      }).finally(function () { $scope.$applyAsync(); });
    };
    ctrl.$onInit = ctrl.refresh;
  }
  TrustController.$inject = ['$scope', 'confluxTrustService'];

  var TRUST_HTML =
    '<div class="conflux-trust">' +
    '<p>Who can reach this container and with what: listeners, endpoint policies, certificates, API keys, connector secrets and lockouts, read now.' +
    '  <button class="btn btn-default btn-sm conflux-trust-refresh" ng-click="$ctrl.refresh()">Refresh</button></p>' +
    '<div class="alert alert-danger" ng-if="$ctrl.error">{{$ctrl.error}}</div>' +
    '<div ng-if="$ctrl.report">' +
    '<h3>Listeners</h3>' +
    '<table class="table table-striped table-bordered conflux-trust-listeners"><thead><tr><th>Listener</th><th>Protocol</th><th>Address</th>' +
    '  <th class="text-right">Port</th><th>TLS</th><th>Authentication</th><th>Keystore</th></tr></thead>' +
    '  <tbody><tr ng-repeat="l in $ctrl.report.Listeners" data-port="{{l.port}}">' +
    '    <td>{{l.name}}</td><td>{{l.protocol}}</td><td>{{l.address}}</td><td class="text-right">{{l.port}}</td>' +
    '    <td><span class="label" ng-class="l.tls ? \'label-success\' : \'label-default\'">{{l.tls ? "TLS" : "no TLS"}}</span></td>' +
    '    <td class="small">{{l.authentication}}</td><td class="small">{{l.keystore}}</td></tr></tbody></table>' +
    '<h3>Service endpoints</h3>' +
    '<table class="table table-striped table-bordered conflux-trust-endpoints"><thead><tr><th>Endpoint</th><th>Policy</th><th>Source</th><th class="text-right">Rate limit/s</th></tr></thead>' +
    '  <tbody><tr ng-repeat="e in $ctrl.report.Endpoints"><td>{{e.endpoint}}</td>' +
    '    <td><span class="label" ng-class="e.policy === \'none\' ? \'label-danger\' : \'label-info\'">{{e.policy}}</span></td>' +
    '    <td class="small">{{e.source}}</td><td class="text-right">{{e.rateLimit || "none"}}</td></tr>' +
    '  <tr ng-if="!$ctrl.report.Endpoints.length"><td colspan="4">No endpoint policies listed.</td></tr></tbody></table>' +
    '<h3>Certificates</h3>' +
    '<table class="table table-striped table-bordered conflux-trust-certificates"><thead><tr><th>Subject</th><th>Issuer</th><th>Expires</th>' +
    '  <th class="text-right">Days left</th><th>Store</th><th>Used by</th></tr></thead>' +
    '  <tbody><tr ng-repeat="c in $ctrl.report.Certificates" ng-class="{danger: c.problem || c.daysLeft < 0, warning: c.expiresSoon && c.daysLeft >= 0}">' +
    '    <td ng-if="!c.problem">{{c.subject}}<div class="small text-muted">{{c.alias}}</div></td><td ng-if="!c.problem" class="small">{{c.issuer}}</td>' +
    '    <td ng-if="!c.problem">{{$ctrl.day(c.notAfter)}}</td>' +
    '    <td ng-if="!c.problem" class="text-right">{{c.daysLeft}} <span class="label label-warning" ng-if="c.expiresSoon">{{c.daysLeft < 0 ? "expired" : "expires soon"}}</span></td>' +
    '    <td ng-if="c.problem" colspan="4"><span class="label label-danger">unreadable</span> {{c.problem}}</td>' +
    '    <td class="small">{{c.store}} ({{c.kind}})</td><td class="small">{{c.usedBy}}</td></tr>' +
    '  <tr ng-if="!$ctrl.report.Certificates.length"><td colspan="6">No listener uses a keystore.</td></tr></tbody></table>' +
    '<h3>API keys</h3>' +
    '<table class="table table-striped table-bordered conflux-trust-keys"><thead><tr><th>Id</th><th>Consumer</th><th>Created</th><th>Expires</th><th>Last used</th><th>State</th></tr></thead>' +
    '  <tbody><tr ng-repeat="k in $ctrl.report.ApiKeys"><td>{{k.id}}</td><td>{{k.consumer}}</td><td>{{$ctrl.day(k.created)}}</td>' +
    '    <td>{{k.expires ? $ctrl.day(k.expires) : "never"}}</td><td>{{$ctrl.when(k.lastUsed)}}</td><td>{{k.revoked ? "revoked" : "active"}}</td></tr>' +
    '  <tr ng-if="!$ctrl.report.ApiKeys.length"><td colspan="6">No API keys issued.</td></tr></tbody></table>' +
    '<h3>Connector secrets</h3>' +
    '<table class="table table-striped table-bordered conflux-trust-secrets"><thead><tr><th>Connector</th><th>Type</th><th>Key</th><th>Stored</th><th>Source</th></tr></thead>' +
    '  <tbody><tr ng-repeat="s in $ctrl.report.Secrets" ng-class="{danger: !s.encrypted}"><td>{{s.connector}}</td><td>{{s.type}}</td><td>{{s.key}}</td>' +
    '    <td><span class="label" ng-class="s.encrypted ? \'label-success\' : \'label-danger\'">{{s.encrypted ? "encrypted" : "clear text"}}</span></td>' +
    '    <td class="small">{{s.source}}</td></tr>' +
    '  <tr ng-if="!$ctrl.report.Secrets.length"><td colspan="5">No connector secrets.</td></tr></tbody></table>' +
    '<h3>Lockouts</h3>' +
    '<table class="table table-striped table-bordered conflux-trust-lockouts"><thead><tr><th>Account or address</th><th class="text-right">Failures</th><th>Since</th><th>Until</th></tr></thead>' +
    '  <tbody><tr ng-repeat="l in $ctrl.report.Lockouts"><td>{{l.subject}}</td><td class="text-right">{{l.failures}}</td><td>{{$ctrl.when(l.since)}}</td><td>{{$ctrl.when(l.until)}}</td></tr>' +
    '  <tr ng-if="!$ctrl.report.Lockouts.length"><td colspan="4">No lockouts in force.</td></tr></tbody></table>' +
    '<div class="alert alert-info conflux-trust-notes" ng-if="$ctrl.report.Notes.length"><strong>Not listed:</strong>' +
    '  <ul><li ng-repeat="n in $ctrl.report.Notes">{{n}}</li></ul></div>' +
    '</div></div>';

  ConfluxTrust._module = angular.module(ConfluxTrust.pluginName, [])
    .service('confluxTrustService', TrustService)
    .component('confluxTrust', {template: TRUST_HTML, controller: TrustController});

  return ConfluxTrust;
})(ConfluxTrust || {});

hawtioPluginLoader.addModule(ConfluxTrust.pluginName);
