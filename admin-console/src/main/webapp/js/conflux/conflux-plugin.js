/*
 * The Conflux pages of the console, for support staff: Queues, Dead letters, Flows, Audit (and Trust, the trust
 * inventory, in conflux-trust.js; Alerts and the banner of firing alerts above the tabs, in conflux-alerts.js; Trace,
 * message tracing, in conflux-trace.js; Catalog, the interface catalog and impact, in conflux-catalog.js; API usage, in conflux-api-usage.js;
 * Cluster, the nodes of the cluster and the flows' revisions on each, in conflux-cluster.js; New integration, My
 * integrations and Approvals, for citizen integrators and their approvers, in conflux-integrations.js). A page
 * opened from a link of another one (a trace's dead letter, flow or audit entry) marks what the link named: ?tab=deadletters&message=<JMS id>, ?tab=flows&flow=<name>, ?tab=audit&seq=<n>,
 * ?tab=new-integration&edit=<name>.
 *
 * The tabs follow the user's roles (whoAmI on conflux:type=integrations): support users (viewer, operator, admin) see
 * every support page; integrators and admins also New integration and My integrations, and whoever may approve
 * Approvals; integrators and approvers without a support role see only those pages. When whoAmI fails (a server without integrations, or a
 * role it refuses), the tabs stay as they were.
 *
 * Everything goes through Jolokia to the Conflux MBeans (conflux:type=queues, deadletters, flows, audit). The
 * server decides who may do what (etc/jmx.acl.*.cfg) and records every change in the audit trail; this page shows
 * every action to every role and reports the server's answer, including a refusal.
 */
var Conflux = (function (Conflux) {
  'use strict';

  Conflux.pluginName = 'conflux';
  var QUEUES = 'conflux:type=queues';
  var DEAD_LETTERS = 'conflux:type=deadletters';
  var FLOWS = 'conflux:type=flows';
  var AUDIT = 'conflux:type=audit';
  var INTEGRATIONS = 'conflux:type=integrations';
  var SUPPORT_ROLES = ['viewer', 'operator', 'admin'];
  var REFRESH_MS = 5000;

  /** Pretty-prints JSON and XML bodies; anything else is shown as it is. */
  Conflux.pretty = function (body) {
    if (body === null || body === undefined) {
      return '';
    }
    var text = String(body);
    var trimmed = text.trim();
    if (trimmed.charAt(0) === '{' || trimmed.charAt(0) === '[') {
      try {
        return JSON.stringify(JSON.parse(trimmed), null, 2);
      } catch (e) {
        return text;
      }
    }
    if (trimmed.charAt(0) === '<') {
      var indent = 0;
      return trimmed.replace(/>\s*</g, '>\n<').split('\n').map(function (line) {
        if (/^<\//.test(line)) {
          indent = Math.max(0, indent - 1);
        }
        var out = new Array(indent + 1).join('  ') + line;
        if (/^<[^!?\/][^>]*[^\/]>$/.test(line) && !/<\/[^>]+>$/.test(line) || /^<[^!?\/>]>$/.test(line)) {
          indent++;
        }
        return out;
      }).join('\n');
    }
    return text;
  };

  Conflux.age = function (millis) {
    if (millis === null || millis === undefined || millis < 0) {
      return '';
    }
    var s = Math.floor(millis / 1000);
    if (s < 60) { return s + ' s'; }
    if (s < 3600) { return Math.floor(s / 60) + ' min ' + (s % 60) + ' s'; }
    if (s < 86400) { return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min'; }
    return Math.floor(s / 86400) + ' d ' + Math.floor((s % 86400) / 3600) + ' h';
  };

  /**
   * One Jolokia request (POST) as a promise of its value. A refusal (the JMX ACL's 403, an exception) rejects with
   * Jolokia's answer, an HTTP failure with {error, status}: what Conflux.explain reads. Every page's service uses it.
   */
  Conflux.request = function (jolokia, request) {
    return new Promise(function (resolve, reject) {
      jolokia.request(request, {
        method: 'post',
        success: function (response) { resolve(response.value); },
        error: function (response) { reject(response); },
        ajaxError: function (xhr) { reject({error: 'HTTP ' + xhr.status + ' ' + xhr.statusText, status: xhr.status}); }
      });
    });
  };

  /** What the server said, in words a support user can act on. */
  Conflux.explain = function (response) {
    var error = (response && (response.error || response.statusText)) || 'no answer from the server';
    error = String(error).replace(/^java\.lang\.\w*Exception : /, '');
    if (/forbidden/i.test(error) || (response && response.status === 403)) {
      return 'Refused by the server: your role does not allow this (' + error + ')';
    }
    return error;
  };

  Conflux._module = angular.module(Conflux.pluginName, [])
    .component('confluxConsole', {
      template:
        '<div class="conflux-console container-fluid">' +
        '  <h1>Conflux</h1>' +
        '  <conflux-alert-banner on-open="$ctrl.show(\'alerts\')"></conflux-alert-banner>' +
        '  <p class="text-muted" ng-if="!$ctrl.ready">Loading&hellip;</p>' +
        '  <ul class="nav nav-tabs conflux-tabs" ng-if="$ctrl.ready">' +
        '    <li ng-repeat="t in $ctrl.tabs" ng-class="{active: $ctrl.tab === t.id}">' +
        '      <a href="" id="conflux-tab-{{t.id}}" ng-click="$ctrl.show(t.id)">{{t.title}}</a></li>' +
        '  </ul>' +
        '  <div class="alert alert-danger conflux-error" ng-if="$ctrl.error">' +
        '    <span class="pficon pficon-error-circle-o"></span> {{$ctrl.error}}' +
        '    <button class="close" ng-click="$ctrl.error = null">&times;</button></div>' +
        '  <div class="alert alert-success conflux-done" ng-if="$ctrl.done">' +
        '    <span class="pficon pficon-ok"></span> {{$ctrl.done}}' +
        '    <button class="close" ng-click="$ctrl.done = null">&times;</button></div>' +
        '  <div ng-if="$ctrl.ready"><div ng-switch="$ctrl.tab">' +
        '    <div ng-switch-when="queues"><div ng-include="\'conflux-queues.html\'"></div></div>' +
        '    <div ng-switch-when="deadletters"><div ng-include="\'conflux-deadletters.html\'"></div></div>' +
        '    <div ng-switch-when="flows"><div ng-include="\'conflux-flows.html\'"></div></div>' +
        '    <div ng-switch-when="audit"><div ng-include="\'conflux-audit.html\'"></div></div>' +
        '    <div ng-switch-when="trust"><conflux-trust></conflux-trust></div>' +
        '    <div ng-switch-when="alerts"><conflux-alerts on-open="$ctrl.show(tab)"></conflux-alerts></div>' +
        '    <div ng-switch-when="trace"><conflux-trace on-open="$ctrl.show(tab, focus)"></conflux-trace></div>' +
        '    <div ng-switch-when="catalog"><conflux-catalog></conflux-catalog></div>' +
        '    <div ng-switch-when="api-usage"><conflux-api-usage></conflux-api-usage></div>' +
        '    <div ng-switch-when="cluster"><conflux-cluster></conflux-cluster></div>' +
        '    <div ng-switch-when="new-integration"><conflux-new-integration edit="$ctrl.focus.edit" on-open="$ctrl.show(tab, focus)"></conflux-new-integration></div>' +
        '    <div ng-switch-when="integrations"><conflux-my-integrations on-open="$ctrl.show(tab, focus)"></conflux-my-integrations></div>' +
        '    <div ng-switch-when="approvals"><conflux-approvals></conflux-approvals></div>' +
        '  </div></div>' +
        '</div>',
      controller: ConsoleController
    })
    .config(configureRoutes)
    .run(configurePlugin);

  function configureRoutes($routeProvider) {
    $routeProvider.when('/conflux', {template: '<conflux-console></conflux-console>', reloadOnSearch: false});
  }
  configureRoutes.$inject = ['$routeProvider'];

  function configurePlugin(mainNavService, workspace, $templateCache) {
    mainNavService.addItem({
      title: 'Conflux',
      href: '/conflux',
      isValid: function () { return workspace.treeContainsDomainAndProperties('conflux'); }
    });
    $templateCache.put('conflux-queues.html', QUEUES_HTML);
    $templateCache.put('conflux-deadletters.html', DEAD_LETTERS_HTML);
    $templateCache.put('conflux-flows.html', FLOWS_HTML);
    $templateCache.put('conflux-audit.html', AUDIT_HTML);
  }
  configurePlugin.$inject = ['mainNavService', 'workspace', '$templateCache'];

  function ConsoleController($scope, $interval, $location, jolokia) {
    var ctrl = this;
    ctrl.tabs = [
      {id: 'queues', title: 'Queues'},
      {id: 'deadletters', title: 'Dead letters'},
      {id: 'flows', title: 'Flows'},
      {id: 'trace', title: 'Trace'},
      {id: 'alerts', title: 'Alerts'},
      {id: 'catalog', title: 'Catalog'},
      {id: 'api-usage', title: 'API usage'},
      {id: 'cluster', title: 'Cluster'},
      {id: 'audit', title: 'Audit'},
      {id: 'trust', title: 'Trust'}
    ];
    ctrl.tab = $location.search().tab || 'queues';
    ctrl.focus = $location.search();   // what a link from another page named (see above)
    ctrl.pretty = Conflux.pretty;
    ctrl.age = Conflux.age;
    ctrl.when = function (iso) { return iso ? String(iso).slice(0, 19).replace('T', ' ') : ''; };
    ctrl.queues = [];
    ctrl.deadLetters = [];
    ctrl.flows = [];
    ctrl.audit = [];
    ctrl.browser = null;      // {queue, messages, selected{}, target}
    ctrl.confirm = null;      // {text, label, action}
    ctrl.editor = null;       // {letter, body, properties}
    ctrl.selected = {};       // dead letters: messageId -> true
    ctrl.discardReason = '';
    ctrl.rollbackRevision = {};
    ctrl.ready = false;       // the tabs and the page are shown once whoAmI answered (or failed): see arrangeTabs

    function call(request) {
      return Conflux.request(jolokia, request).finally(function () { $scope.$applyAsync(); });
    }

    function read(mbean, attribute) {
      return call({type: 'read', mbean: mbean, attribute: attribute});
    }

    function exec(mbean, operation, args) {
      return call({type: 'exec', mbean: mbean, operation: operation, arguments: args || []});
    }

    /** Runs an action, reports its outcome and refreshes what it changed. */
    function act(promise, success) {
      ctrl.error = null;
      ctrl.done = null;
      return promise.then(function (value) {
        ctrl.done = typeof success === 'function' ? success(value) : success;
        ctrl.refresh();
        return value;
      }, function (response) {
        ctrl.error = Conflux.explain(response);
        ctrl.refresh();
        throw response;
      });
    }

    ctrl.show = function (tab, focus) {
      ctrl.tab = tab;
      ctrl.error = null;
      ctrl.done = null;
      ctrl.confirm = null;
      ctrl.focus = angular.extend({tab: tab}, focus || {});
      ctrl.focusSelected = false;
      $location.search(ctrl.focus);
      ctrl.refresh();
    };

    ctrl.refresh = function () {
      if (ctrl.tab === 'queues') {
        read(QUEUES, 'Queues').then(function (q) { ctrl.queues = q; }, report);
        if (ctrl.browser) {
          ctrl.browse(ctrl.browser.queue, true);
        }
      } else if (ctrl.tab === 'deadletters') {
        read(DEAD_LETTERS, 'DeadLetters').then(function (d) {
          ctrl.deadLetters = d;
          ctrl.groups = group(d);
          if (ctrl.focus.message && !ctrl.focusSelected) { // from a trace: the dead letter selected, ready to retry
            ctrl.focusSelected = true;
            d.filter(ctrl.focused).forEach(function (l) { ctrl.selected[l.messageId] = true; });
          }
        }, report);
      } else if (ctrl.tab === 'flows') {
        read(FLOWS, 'Flows').then(function (f) { ctrl.flows = f; }, report);
      } else if (ctrl.tab === 'audit') {
        exec(AUDIT, 'entries', [200]).then(function (a) { ctrl.audit = a; }, report);
      }
    };

    function report(response) {
      ctrl.error = Conflux.explain(response);
    }

    /** The tabs for the user's roles, as whoAmI names them (see the top of this file). */
    function arrangeTabs(who) {
      var roles = who.roles || [];
      var support = SUPPORT_ROLES.some(function (r) { return roles.indexOf(r) >= 0; });
      var integrator = roles.indexOf('integrator') >= 0;
      var theirs = [];
      if (integrator || roles.indexOf('admin') >= 0) {
        theirs.push({id: 'new-integration', title: 'New integration'}, {id: 'integrations', title: 'My integrations'});
      }
      if (who.canApprove) {
        theirs.push({id: 'approvals', title: 'Approvals'});
      }
      if (support) {
        ctrl.tabs = ctrl.tabs.concat(theirs);
      } else if (theirs.length) {
        ctrl.tabs = theirs;
        if (!theirs.some(function (t) { return t.id === ctrl.tab; })) {
          ctrl.tab = integrator ? 'integrations' : 'approvals';
          ctrl.focus = angular.extend({}, ctrl.focus, {tab: ctrl.tab});
          $location.search(ctrl.focus);
        }
      }
    }

    // ---- queues --------------------------------------------------------------------------------------------
    ctrl.browse = function (queue, keepSelection) {
      var previous = ctrl.browser && ctrl.browser.queue === queue ? ctrl.browser : null;
      exec(QUEUES, 'browse', [queue, 200]).then(function (messages) {
        ctrl.browser = {
          queue: queue,
          messages: messages,
          selected: keepSelection && previous ? previous.selected : {},
          target: previous ? previous.target : '',
          open: previous ? previous.open : {}
        };
      }, report);
    };
    ctrl.closeBrowser = function () { ctrl.browser = null; };
    ctrl.selectedIds = function (selected) {
      return Object.keys(selected || {}).filter(function (id) { return selected[id]; });
    };
    ctrl.pause = function (q) {
      act(exec(QUEUES, 'pause', [q.name]), 'Queue ' + q.name + ' paused: consumers get no messages until it is resumed.');
    };
    ctrl.resume = function (q) {
      act(exec(QUEUES, 'resume', [q.name]), 'Queue ' + q.name + ' resumed.');
    };
    ctrl.moveSelected = function () {
      var b = ctrl.browser;
      act(exec(QUEUES, 'move', [b.queue, ctrl.selectedIds(b.selected), b.target]), function (n) {
        b.selected = {};
        return n + ' message(s) moved from ' + b.queue + ' to ' + b.target + '.';
      });
    };
    ctrl.askMoveAll = function () {
      var b = ctrl.browser;
      var queue = ctrl.queues.filter(function (q) { return q.name === b.queue; })[0];
      var count = queue ? queue.messageCount : b.messages.length;
      ctrl.confirm = {
        text: 'Move all ' + count + ' message(s) of ' + b.queue + ' to ' + b.target + '?',
        label: 'Move all',
        action: function () {
          return act(exec(QUEUES, 'moveAll', [b.queue, b.target]), function (n) {
            return n + ' message(s) moved from ' + b.queue + ' to ' + b.target + '.';
          });
        }
      };
    };
    ctrl.askPurge = function (q) {
      ctrl.confirm = {
        text: 'Delete all ' + q.messageCount + ' message(s) of queue ' + q.name + '? They cannot be recovered.',
        label: 'Purge ' + q.messageCount + ' message(s)',
        danger: true,
        action: function () {
          return act(exec(QUEUES, 'purge', [q.name]), function (n) { return n + ' message(s) deleted from ' + q.name + '.'; });
        }
      };
    };
    ctrl.runConfirmed = function () {
      var c = ctrl.confirm;
      ctrl.confirm = null;
      c.action();
    };

    // ---- dead letters --------------------------------------------------------------------------------------
    function group(letters) {
      var groups = {};
      letters.forEach(function (d) {
        var key = d.originalQueue + '|' + (d.flow || '');
        groups[key] = groups[key] || {originalQueue: d.originalQueue, flow: d.flow, queue: d.queue, count: 0};
        groups[key].count++;
      });
      return Object.keys(groups).sort().map(function (k) { return groups[k]; });
    }
    ctrl.filterGroup = null;
    ctrl.inGroup = function (d) {
      var g = ctrl.filterGroup;
      return !g || (d.originalQueue === g.originalQueue && (d.flow || '') === (g.flow || ''));
    };
    ctrl.focused = function (d) {
      return !!ctrl.focus.message && d.jmsMessageId === ctrl.focus.message;
    };
    ctrl.selectedLetters = function () {
      return ctrl.deadLetters.filter(function (d) { return ctrl.selected[d.messageId]; });
    };
    function byQueue(letters) {
      var queues = {};
      letters.forEach(function (d) { (queues[d.queue] = queues[d.queue] || []).push(d.messageId); });
      return queues;
    }
    ctrl.retrySelected = function () {
      var queues = byQueue(ctrl.selectedLetters());
      var ids = [];
      act(Promise.all(Object.keys(queues).map(function (q) {
        ids = ids.concat(queues[q]);
        return exec(DEAD_LETTERS, 'retry', [q, queues[q]]);
      })), function (counts) {
        ctrl.selected = {};
        return counts.reduce(function (a, b) { return a + b; }, 0) + ' dead letter(s) sent back to their queue (' + ids.join(', ') + ').';
      });
    };
    ctrl.askRetryAll = function (g) {
      ctrl.confirm = {
        text: 'Send all ' + ctrl.deadLetters.filter(function (d) { return d.queue === g.queue; }).length +
          ' dead letter(s) of ' + g.queue + ' back to their original queue?',
        label: 'Retry all',
        action: function () {
          return act(exec(DEAD_LETTERS, 'retryAll', [g.queue]), function (n) { return n + ' dead letter(s) sent back.'; });
        }
      };
    };
    ctrl.edit = function (d) {
      ctrl.editor = {
        letter: d,
        body: Conflux.pretty(d.body),
        properties: (d.properties || []).filter(function (p) { return !/^(_AMQ|__AMQ|JMSX)/.test(p); }).join('\n')
      };
    };
    ctrl.resubmit = function () {
      var e = ctrl.editor;
      var props = e.properties.split('\n').map(function (l) { return l.trim(); }).filter(function (l) { return l; });
      act(exec(DEAD_LETTERS, 'resubmit', [e.letter.queue, e.letter.messageId, e.body, props]), function (id) {
        ctrl.editor = null;
        return 'Edited copy of ' + e.letter.messageId + ' sent to ' + e.letter.originalQueue + ' as message ' + id + '.';
      });
    };
    ctrl.discardSelected = function () {
      var queues = byQueue(ctrl.selectedLetters());
      act(Promise.all(Object.keys(queues).map(function (q) {
        return exec(DEAD_LETTERS, 'discard', [q, queues[q], ctrl.discardReason]);
      })), function (counts) {
        ctrl.selected = {};
        ctrl.discardReason = '';
        return counts.reduce(function (a, b) { return a + b; }, 0) + ' dead letter(s) discarded.';
      });
    };

    // ---- flows ---------------------------------------------------------------------------------------------
    ctrl.flowAction = function (f, operation) {
      act(exec(FLOWS, operation, [f.name]), function (v) {
        return 'Flow ' + f.name + ': ' + operation + ' done, now ' + v.state + (v.lastError ? ' (' + v.lastError + ')' : '') + '.';
      });
    };
    ctrl.rollback = function (f) {
      var revision = parseInt(ctrl.rollbackRevision[f.name] || '0', 10);
      act(exec(FLOWS, 'rollback', [f.name, revision]), function (v) {
        return 'Flow ' + f.name + ' rolled back: now revision ' + v.revision + ', ' + v.state + '.';
      });
    };

    // ---- audit ---------------------------------------------------------------------------------------------
    ctrl.exportAudit = function () {
      act(exec(AUDIT, 'export', []), function (text) {
        var blob = new Blob([text], {type: 'application/x-ndjson'});
        var a = document.createElement('a');
        a.href = URL.createObjectURL(blob);
        a.download = 'conflux-audit-' + new Date().toISOString().slice(0, 19).replace(/[:T]/g, '') + '.jsonl';
        document.body.appendChild(a);
        a.click();
        document.body.removeChild(a);
        return 'Audit trail exported (' + text.split('\n').filter(function (l) { return l; }).length + ' entries).';
      });
    };
    ctrl.verifyAudit = function () {
      act(exec(AUDIT, 'verify', []), function (result) { return 'Audit file check: ' + result; });
    };

    var timer = $interval(function () {
      if (ctrl.ready && !ctrl.confirm && !ctrl.editor) {
        ctrl.refresh();
      }
    }, REFRESH_MS);
    ctrl.$onDestroy = function () { $interval.cancel(timer); };
    ctrl.$onInit = function () {
      exec(INTEGRATIONS, 'whoAmI', []).then(JSON.parse).then(arrangeTabs).catch(function () {
        // a server without integrations, or a role it refuses: the tabs as they were
      }).then(function () {
        ctrl.ready = true;
        ctrl.refresh();
        $scope.$applyAsync();
      });
    };
  }
  ConsoleController.$inject = ['$scope', '$interval', '$location', 'jolokia'];

  var CONFIRM_HTML =
    '<div class="alert alert-warning conflux-confirm" ng-if="$ctrl.confirm">' +
    '  <p>{{$ctrl.confirm.text}}</p>' +
    '  <button class="btn" ng-class="$ctrl.confirm.danger ? \'btn-danger\' : \'btn-primary\'" ng-click="$ctrl.runConfirmed()">{{$ctrl.confirm.label}}</button>' +
    '  <button class="btn btn-default" ng-click="$ctrl.confirm = null">Cancel</button>' +
    '</div>';

  var QUEUES_HTML =
    CONFIRM_HTML +
    '<table class="table table-striped table-bordered conflux-queues">' +
    '  <thead><tr><th>Queue</th><th>Address</th><th class="text-right">Depth</th><th class="text-right">Consumers</th>' +
    '    <th class="text-right">In/s</th><th class="text-right">Out/s</th><th class="text-right">Oldest message</th>' +
    '    <th>State</th><th>Actions</th></tr></thead>' +
    '  <tbody><tr ng-repeat="q in $ctrl.queues | orderBy:\'name\'" data-queue="{{q.name}}">' +
    '    <td>{{q.name}} <span class="label label-danger" ng-if="q.deadLetter">dead letters</span></td>' +
    '    <td>{{q.address}}</td>' +
    '    <td class="text-right depth">{{q.messageCount}}</td><td class="text-right">{{q.consumerCount}}</td>' +
    '    <td class="text-right">{{q.enqueueRate}}</td><td class="text-right">{{q.dequeueRate}}</td>' +
    '    <td class="text-right">{{$ctrl.age(q.oldestMessageAgeMillis)}}</td>' +
    '    <td><span class="label" ng-class="q.paused ? \'label-warning\' : \'label-success\'">{{q.paused ? "paused" : "active"}}</span></td>' +
    '    <td class="conflux-actions">' +
    '      <button class="btn btn-default btn-sm" ng-click="$ctrl.browse(q.name)">Browse</button>' +
    '      <button class="btn btn-default btn-sm" ng-if="!q.paused" ng-click="$ctrl.pause(q)">Pause</button>' +
    '      <button class="btn btn-default btn-sm" ng-if="q.paused" ng-click="$ctrl.resume(q)">Resume</button>' +
    '      <button class="btn btn-danger btn-sm" ng-click="$ctrl.askPurge(q)">Purge</button>' +
    '    </td></tr>' +
    '  <tr ng-if="!$ctrl.queues.length"><td colspan="9">No queues yet.</td></tr></tbody>' +
    '</table>' +
    '<div class="panel panel-default conflux-browser" ng-if="$ctrl.browser">' +
    '  <div class="panel-heading"><strong>{{$ctrl.browser.queue}}</strong>: {{$ctrl.browser.messages.length}} message(s) shown, oldest first' +
    '    <button class="close" ng-click="$ctrl.closeBrowser()">&times;</button></div>' +
    '  <div class="panel-body form-inline">' +
    '    <label>Move to queue <input class="form-control input-sm conflux-move-target" ng-model="$ctrl.browser.target" placeholder="queue name"></label>' +
    '    <button class="btn btn-default btn-sm" ng-disabled="!$ctrl.browser.target || !$ctrl.selectedIds($ctrl.browser.selected).length" ng-click="$ctrl.moveSelected()">Move selected</button>' +
    '    <button class="btn btn-default btn-sm" ng-disabled="!$ctrl.browser.target || !$ctrl.browser.messages.length" ng-click="$ctrl.askMoveAll()">Move all</button>' +
    '  </div>' +
    '  <table class="table table-condensed"><thead><tr><th></th><th>Id</th><th>JMS id</th><th>Sent</th><th>Type</th><th>Properties</th><th>Body</th></tr></thead>' +
    '    <tbody><tr ng-repeat="m in $ctrl.browser.messages">' +
    '      <td><input type="checkbox" ng-model="$ctrl.browser.selected[m.messageId]"></td>' +
    '      <td>{{m.messageId}}</td><td>{{m.jmsMessageId}}</td><td>{{$ctrl.when(m.sentAt)}}</td><td>{{m.type}}</td>' +
    '      <td><div ng-repeat="p in m.properties" class="small">{{p}}</div></td>' +
    '      <td><pre class="conflux-body">{{$ctrl.pretty(m.body)}}</pre></td></tr>' +
    '    <tr ng-if="!$ctrl.browser.messages.length"><td colspan="7">The queue is empty.</td></tr></tbody></table>' +
    '</div>';

  var DEAD_LETTERS_HTML =
    CONFIRM_HTML +
    '<p>Messages a flow could not process after the broker\'s delivery attempts. Fix the cause, then retry them; or edit and resubmit one; or discard them with a reason.</p>' +
    '<table class="table table-bordered conflux-dlq-groups"><thead><tr><th>Original queue</th><th>Flow</th><th>Dead-letter queue</th><th class="text-right">Dead letters</th><th></th></tr></thead>' +
    '  <tbody><tr ng-repeat="g in $ctrl.groups" ng-class="{info: $ctrl.filterGroup === g}">' +
    '    <td><a href="" ng-click="$ctrl.filterGroup = ($ctrl.filterGroup === g ? null : g)">{{g.originalQueue}}</a></td><td>{{g.flow || "(unknown)"}}</td><td>{{g.queue}}</td>' +
    '    <td class="text-right">{{g.count}}</td>' +
    '    <td><button class="btn btn-default btn-sm" ng-click="$ctrl.askRetryAll(g)">Retry all of {{g.queue}}</button></td></tr>' +
    '  <tr ng-if="!$ctrl.groups.length"><td colspan="5">No dead letters.</td></tr></tbody></table>' +
    '<div class="form-inline conflux-dlq-actions">' +
    '  <button class="btn btn-primary btn-sm conflux-retry" ng-disabled="!$ctrl.selectedLetters().length" ng-click="$ctrl.retrySelected()">Retry selected ({{$ctrl.selectedLetters().length}})</button>' +
    '  <input class="form-control input-sm conflux-discard-reason" ng-model="$ctrl.discardReason" placeholder="reason for discarding">' +
    '  <button class="btn btn-danger btn-sm" ng-disabled="!$ctrl.selectedLetters().length || !$ctrl.discardReason" ng-click="$ctrl.discardSelected()">Discard selected</button>' +
    '</div>' +
    '<table class="table table-striped table-bordered conflux-dlq"><thead><tr><th></th><th>Message</th><th>From queue</th><th>Flow / route / step</th>' +
    '  <th>Failure</th><th class="text-right">Attempts</th><th>First failure</th><th>Last failure</th><th>Body</th><th></th></tr></thead>' +
    '  <tbody><tr ng-repeat="d in $ctrl.deadLetters | filter:$ctrl.inGroup" data-message-id="{{d.messageId}}" ng-class="{info: $ctrl.focused(d)}">' +
    '    <td><input type="checkbox" class="conflux-select" ng-model="$ctrl.selected[d.messageId]"></td>' +
    '    <td>{{d.messageId}}<div class="small text-muted">{{d.jmsMessageId}}</div>' +
    '      <a href="" class="small conflux-dlq-trace" ng-if="d.jmsMessageId" ng-click="$ctrl.show(\'trace\', {key: d.jmsMessageId})">trace</a></td>' +
    '    <td>{{d.originalQueue}}</td>' +
    '    <td>{{d.flow}}<div class="small">{{d.route}}</div><div class="small text-muted">{{d.step}}</div></td>' +
    '    <td class="conflux-failure"><strong>{{d.exceptionType}}</strong><div>{{d.exceptionMessage}}</div></td>' +
    '    <td class="text-right">{{d.deliveryAttempts || ""}}</td><td>{{$ctrl.when(d.firstFailure)}}</td><td>{{$ctrl.when(d.lastFailure)}}</td>' +
    '    <td><pre class="conflux-body">{{$ctrl.pretty(d.body)}}</pre></td>' +
    '    <td><button class="btn btn-default btn-sm" ng-click="$ctrl.edit(d)" ng-disabled="d.type !== \'text\'">Edit &amp; resubmit</button></td></tr>' +
    '  </tbody></table>' +
    '<div class="panel panel-primary conflux-editor" ng-if="$ctrl.editor">' +
    '  <div class="panel-heading">Edit dead letter {{$ctrl.editor.letter.messageId}} and resubmit it to {{$ctrl.editor.letter.originalQueue}}</div>' +
    '  <div class="panel-body">' +
    '    <label>Body</label><textarea class="form-control conflux-edit-body" rows="8" ng-model="$ctrl.editor.body"></textarea>' +
    '    <label>Properties (name=value, one per line)</label><textarea class="form-control conflux-edit-properties" rows="4" ng-model="$ctrl.editor.properties"></textarea>' +
    '    <p></p><button class="btn btn-primary" ng-click="$ctrl.resubmit()">Resubmit</button>' +
    '    <button class="btn btn-default" ng-click="$ctrl.editor = null">Cancel</button>' +
    '  </div></div>';

  var FLOWS_HTML =
    '<table class="table table-striped table-bordered conflux-flows"><thead><tr><th>Flow</th><th>State</th><th class="text-right">Revision</th>' +
    '  <th class="text-right">Uptime</th><th class="text-right">Exchanges</th><th class="text-right">Failed</th><th class="text-right">In flight</th>' +
    '  <th class="text-right">Mean / max ms</th><th>Last error</th><th>Actions</th></tr></thead>' +
    '  <tbody><tr ng-repeat="f in $ctrl.flows | orderBy:\'name\'" data-flow="{{f.name}}" ng-class="{info: $ctrl.focus.flow === f.name}">' +
    '    <td>{{f.name}}<div class="small text-muted">{{f.source}}</div></td>' +
    '    <td><span class="label" ng-class="{\'label-success\': f.state === \'STARTED\', \'label-default\': f.state === \'STOPPED\', \'label-danger\': f.state === \'FAILED\'}">{{f.state}}</span></td>' +
    '    <td class="text-right">{{f.revision}}</td><td class="text-right">{{$ctrl.age(f.uptimeSeconds * 1000)}}</td>' +
    '    <td class="text-right">{{f.exchangesTotal}}</td><td class="text-right">{{f.exchangesFailed}}</td><td class="text-right">{{f.exchangesInflight}}</td>' +
    '    <td class="text-right">{{f.meanProcessingMillis}} / {{f.maxProcessingMillis}}</td>' +
    '    <td class="small">{{f.lastError}}<div class="text-muted">{{f.lastErrorAt}}</div></td>' +
    '    <td class="conflux-actions form-inline">' +
    '      <button class="btn btn-default btn-sm" ng-if="f.state !== \'STARTED\'" ng-click="$ctrl.flowAction(f, \'start\')">Start</button>' +
    '      <button class="btn btn-default btn-sm" ng-if="f.state === \'STARTED\'" ng-click="$ctrl.flowAction(f, \'stop\')">Stop</button>' +
    '      <button class="btn btn-default btn-sm" ng-click="$ctrl.flowAction(f, \'restart\')">Restart</button>' +
    '      <input class="form-control input-sm" style="width:5em" ng-model="$ctrl.rollbackRevision[f.name]" placeholder="rev." title="revision to roll back to (empty: the one before)">' +
    '      <button class="btn btn-warning btn-sm" ng-click="$ctrl.rollback(f)">Roll back</button>' +
    '    </td></tr>' +
    '  <tr ng-if="!$ctrl.flows.length"><td colspan="10">No flows deployed.</td></tr></tbody></table>';

  var AUDIT_HTML =
    '<p>Every operator action on queues, dead letters, flows and alerts, newest first. The file on the server is append-only and hash-chained.' +
    '  <button class="btn btn-default btn-sm conflux-export" ng-click="$ctrl.exportAudit()">Export file</button>' +
    '  <button class="btn btn-default btn-sm" ng-click="$ctrl.verifyAudit()">Verify file</button></p>' +
    '<table class="table table-striped table-bordered conflux-audit"><thead><tr><th>#</th><th>When</th><th>Who</th><th>From</th><th>Action</th>' +
    '  <th>Target</th><th>Messages</th><th>Result</th><th>Detail</th></tr></thead>' +
    '  <tbody><tr ng-repeat="e in $ctrl.audit" data-seq="{{e.seq}}" ng-class="{info: $ctrl.focus.seq == e.seq}">' +
    '    <td>{{e.seq}}</td><td>{{$ctrl.when(e.at)}}</td><td>{{e.user}}</td><td>{{e.from}}</td><td>{{e.action}}</td><td>{{e.target}}</td>' +
    '    <td class="small">{{e.items.join(", ")}}</td>' +
    '    <td><span class="label" ng-class="e.result === \'OK\' ? \'label-success\' : \'label-danger\'">{{e.result}}</span></td>' +
    '    <td class="small">{{e.detail}}</td></tr>' +
    '  <tr ng-if="!$ctrl.audit.length"><td colspan="9">No actions recorded yet.</td></tr></tbody></table>';

  var style = document.createElement('style');
  style.textContent = '.conflux-console h1 { margin-top: 10px; } .conflux-tabs { margin-bottom: 15px; }' +
    ' pre.conflux-body { max-height: 12em; min-width: 14em; max-width: 40em; overflow: auto; white-space: pre-wrap; margin: 0; }' +
    ' .conflux-actions .btn { margin-right: 4px; } .conflux-dlq-actions { margin: 10px 0; }' +
    ' .conflux-dlq-actions .btn, .conflux-dlq-actions input { margin-right: 6px; } .conflux-discard-reason { width: 20em; }';
  document.head.appendChild(style);

  return Conflux;
})(Conflux || {});

hawtioPluginLoader.addModule(Conflux.pluginName);
