/*
 * The console's pages for citizen integrators (Conflux tab; docs/citizen-integrators.md):
 *
 * - New integration: a searchable gallery of the templates published to the user; choosing one shows a form made from
 *   its parameters, which the server checks (its problems shown next to their fields, with the flow the values make),
 *   tries on a sample with every outgoing endpoint replaced by a capture (nothing is sent anywhere), saves as a draft
 *   or submits for approval. Opened with ?tab=new-integration&edit=<name> (My integrations' Edit), it edits that one.
 * - My integrations: the user's integrations, where each stands in its approval and how its flow runs; pause, resume,
 *   edit, submit, delete, export (a YAML document for another environment) and import. Refreshed every 5 seconds.
 * - Approvals: the integrations waiting for the user's decision, with their parameters, the flow each would deploy and
 *   what it would touch; approve or reject with a comment, under the environment's rule (four-eyes or self-approval).
 *
 * Everything goes through Jolokia to conflux:type=integrations (IntegrationsMXBean), whose operations act for the
 * logged-in user and answer JSON (YAML for an export); parameters go as one JSON object of strings. Who may call it
 * is in etc/jmx.acl.conflux.integrations.cfg, and IntegrationService checks every call again: the form only hints
 * (required fields, the shape of a value), the server's check is the one that counts.
 */
var ConfluxIntegrations = (function (ConfluxIntegrations) {
  'use strict';

  ConfluxIntegrations.pluginName = 'conflux-integrations';
  var INTEGRATIONS = 'conflux:type=integrations';
  var REFRESH_MS = 5000;
  var SAMPLE_MAX = 1024 * 1024;   // characters of a sample file loaded into the form
  var NAME = /^[a-z0-9][a-z0-9-]*$/;

  var STATUS_LABEL = {DRAFT: 'label-default', PENDING: 'label-warning', REJECTED: 'label-danger', APPROVED: 'label-success'};

  /** What an input of each type is told to hold, before anything is typed. */
  var PLACEHOLDER = {interval: 'a duration: 30s, 5m, 2h', queue: 'a queue name: orders.in', email: 'name@example.com',
    path: 'a relative path: in/orders', number: 'a number'};

  /** What the server said, without the exception's class Jolokia puts first (the message is meant for the user). */
  function explain(response) {
    var text = typeof Conflux !== 'undefined' ? Conflux.explain(response) : String(response && response.error);
    return text.replace(/^[\w.$]+(Exception|Error) : /, '');
  }

  /** The Jolokia calls of the three pages. */
  function IntegrationsService(jolokia) {
    function exec(operation, args, text) {
      var value = Conflux.request(jolokia, {type: 'exec', mbean: INTEGRATIONS, operation: operation, arguments: args});
      return text ? value : value.then(JSON.parse);
    }
    function json(parameters) { return JSON.stringify(parameters || {}); }

    this.whoAmI = function () { return exec('whoAmI', []); };
    this.templates = function () { return exec('templates', []); };
    this.check = function (template, parameters) { return exec('check', [template, json(parameters)]); };
    this.tryOut = function (template, parameters, sampleBody, sampleName) {
      return exec('tryOut', [template, json(parameters), sampleBody || '', sampleName || '']);
    };
    this.save = function (name, title, template, parameters) {
      return exec('save', [name || '', title || '', template, json(parameters)]);
    };
    this.submit = function (name) { return exec('submit', [name]); };
    /** reviewed: the updatedAt of the version the approver read; the server refuses if it changed since. */
    this.approve = function (name, reviewed, comment) { return exec('approve', [name, reviewed, comment || '']); };
    this.reject = function (name, reviewed, comment) { return exec('reject', [name, reviewed, comment || '']); };
    this.remove = function (name) { return exec('delete', [name]); };
    this.pause = function (name) { return exec('pause', [name]); };
    this.resume = function (name) { return exec('resume', [name]); };
    this.mine = function () { return exec('mine', []); };
    this.pending = function () { return exec('pending', []); };
    this.get = function (name) { return exec('get', [name]); };
    this.exportIntegration = function (name) { return exec('exportIntegration', [name], true); };
    this.importIntegration = function (document) { return exec('importIntegration', [document]); };
  }
  IntegrationsService.$inject = ['jolokia'];

  function typeOf(p) { return String(p.type || 'string').toLowerCase(); }

  /** A template's icon as a Font Awesome or Patternfly class. */
  function iconClass(t) {
    var icon = t && t.icon;
    if (!icon) { return 'fa fa-puzzle-piece'; }
    if (/^pficon-/.test(icon)) { return 'pficon ' + icon; }
    return /^fa-/.test(icon) ? 'fa ' + icon : icon;
  }

  /** An instant as the server writes it (ISO text, or seconds or milliseconds since the epoch), as a Date or null. */
  function instant(value) {
    if (value === null || value === undefined || value === '') { return null; }
    var millis;
    if (typeof value === 'number' || /^-?\d+(\.\d+)?$/.test(String(value))) {
      millis = Number(value);
      millis = Math.abs(millis) < 1e11 ? millis * 1000 : millis;
    } else {
      millis = Date.parse(String(value).replace(/(\.\d{3})\d+/, '$1'));
    }
    return isNaN(millis) ? null : new Date(millis);
  }

  function pad(n) { return n < 10 ? '0' + n : String(n); }

  /** 2026-12-02 10:32 in the browser's time zone. */
  function dayClock(value) {
    var d = instant(value);
    return d ? d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + pad(d.getHours()) + ':' +
      pad(d.getMinutes()) : '';
  }

  /** "title (name)" for messages. */
  function named(i) { return i.title && i.title !== i.name ? i.title + ' (' + i.name + ')' : i.name; }

  /**
   * The problems a refusal names per field: the server's message is "field: message; …" when it is about fields,
   * after Jolokia's "exception class : ".
   */
  function problemsOfError(response) {
    var text = String((response && response.error) || '').replace(/^[\w.$]+ : /, '');
    return text.split('; ').map(function (part) {
      var m = /^([A-Za-z0-9_.-]+): ([\s\S]*)$/.exec(part);
      return m ? {field: m[1], message: m[2]} : null;
    }).filter(function (p) { return p; });
  }

  // ---- New integration --------------------------------------------------------------------------------------
  function NewIntegrationController($scope, $element, integrationsService) {
    var ctrl = this;
    ctrl.templates = null;
    ctrl.search = '';
    ctrl.template = null;       // the chosen template
    ctrl.existing = null;       // the integration being edited (once saved, this one)
    ctrl.values = {};           // parameter name -> the input's model
    ctrl.sample = {body: '', name: 'sample.txt'};
    ctrl.pretty = Conflux.pretty;
    ctrl.iconClass = iconClass;
    ctrl.typeOf = typeOf;
    clearResults();

    function apply() { $scope.$applyAsync(); }

    function clearResults() {
      ctrl.problems = {};       // field -> [message], shown under the field
      ctrl.general = [];        // problems of no field of the form
      ctrl.checked = null;
      ctrl.error = null;
      ctrl.done = null;
    }

    function fields() {
      return ['name', 'title'].concat((ctrl.template ? ctrl.template.parameters : []).map(function (p) { return p.name; }));
    }

    /** Shows the server's problems next to their fields; the others in the box above the buttons. */
    function show(problems) {
      var known = fields();
      (problems || []).forEach(function (p) {
        if (p.field && known.indexOf(p.field) >= 0) {
          (ctrl.problems[p.field] = ctrl.problems[p.field] || []).push(p.message);
        } else {
          ctrl.general.push(p.field ? p.field + ': ' + p.message : p.message);
        }
      });
    }

    function report(response) { ctrl.error = explain(response); }

    /** A refused save or submit: the message, and its problems next to their fields. */
    function refused(response) {
      ctrl.error = explain(response);
      var known = fields();
      show(problemsOfError(response).filter(function (p) { return known.indexOf(p.field) >= 0; }));
    }

    /** What the input's model holds as a template's value: text, true/false for a checkbox. */
    function toModel(p, value) {
      var type = typeOf(p);
      if (type === 'boolean') { return value === true || String(value) === 'true'; }
      if (type === 'number') {
        return value === null || value === undefined || value === '' || isNaN(Number(value)) ? null : Number(value);
      }
      return value === null || value === undefined ? '' : String(value);
    }

    /** The form's values as the server takes them: every parameter, as text. */
    function values() {
      var out = {};
      ctrl.template.parameters.forEach(function (p) {
        var v = ctrl.values[p.name];
        out[p.name] = typeOf(p) === 'boolean' ? (v ? 'true' : 'false') : (v === null || v === undefined ? '' : String(v));
      });
      return out;
    }

    ctrl.matches = function (t) {
      var f = (ctrl.search || '').toLowerCase().trim();
      return !f || [t.id, t.title, t.description, t.category].join(' ').toLowerCase().indexOf(f) >= 0;
    };

    /** Shows the form of a template, with the values of an integration made from it (or its defaults). */
    ctrl.choose = function (t, integration) {
      ctrl.template = t;
      ctrl.existing = integration || null;
      ctrl.name = integration ? integration.name : '';
      ctrl.title = integration ? integration.title : '';
      ctrl.values = {};
      ctrl.flow = null;
      ctrl.trial = null;
      ctrl.attempted = false;
      t.parameters.forEach(function (p) {
        var given = integration && integration.parameters && Object.prototype.hasOwnProperty.call(integration.parameters, p.name)
          ? integration.parameters[p.name] : p.defaultValue;
        if ((given === null || given === undefined) && typeOf(p) === 'connector' && (p.choices || []).length === 1) {
          given = p.choices[0];
        }
        ctrl.values[p.name] = toModel(p, given);
      });
      clearResults();
    };

    ctrl.back = function () {
      ctrl.template = null;
      ctrl.existing = null;
      clearResults();
      if (ctrl.edit) {
        ctrl.onOpen({tab: 'new-integration', focus: {}});   // the address no longer names the integration
      }
    };

    ctrl.inputOf = function (p) {
      var type = typeOf(p);
      return {text: 'textarea', number: 'number', boolean: 'checkbox', 'enum': 'enum', connector: 'connector'}[type] || 'text';
    };

    ctrl.placeholder = function (p) {
      var type = typeOf(p);
      var range = (p.min ? ' from ' + p.min : '') + (p.max ? ' up to ' + p.max : '');
      if (type === 'number' || type === 'interval') { return PLACEHOLDER[type] + range; }
      return PLACEHOLDER[type] || (p.pattern ? 'must match ' + p.pattern : '');
    };

    /** A hint from the form itself (the server's check is the one that counts): required, or not the type's shape. */
    ctrl.hint = function (p) {
      var type = typeOf(p);
      var v = ctrl.values[p.name];
      var text = v === null || v === undefined ? '' : String(v).trim();
      if (type === 'boolean') { return ''; }
      if (!text) { return p.required && ctrl.attempted ? 'required' : ''; }
      if (type === 'interval' && !/^\d+(ms|s|m|h)$/.test(text)) { return 'a duration such as 500ms, 30s, 5m or 2h'; }
      if (type === 'email' && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(text)) { return 'one e-mail address, such as name@example.com'; }
      if (type === 'queue' && !/^[A-Za-z][A-Za-z0-9._-]*$/.test(text)) {
        return 'a queue name: a letter, then letters, digits, ".", "_" or "-"';
      }
      if (type === 'path' && (!/^[A-Za-z0-9._\/-]+$/.test(text) || /^\//.test(text) || /(^|\/)\.\.(\/|$)/.test(text))) {
        return 'a relative path: letters, digits, ".", "_", "-" and "/", without ".."';
      }
      return '';
    };

    ctrl.nameHint = function () {
      if (!ctrl.name) { return ctrl.attempted ? 'required' : ''; }
      return NAME.test(ctrl.name) ? '' : 'lower-case letters, digits and "-", starting with a letter or digit';
    };

    ctrl.check = function () {
      clearResults();
      ctrl.attempted = true;
      ctrl.flow = null;
      ctrl.busy = true;
      integrationsService.check(ctrl.template.id, values()).then(function (result) {
        show(result.problems);
        ctrl.flow = result.flow || null;
        ctrl.checked = {ok: !(result.problems || []).length};
      }, report).finally(function () { ctrl.busy = false; apply(); });
    };

    ctrl.tryOut = function () {
      clearResults();
      ctrl.attempted = true;
      ctrl.trial = null;
      ctrl.busy = true;
      integrationsService.tryOut(ctrl.template.id, values(), ctrl.sample.body, ctrl.sample.name).then(function (trial) {
        trial.sent = trial.sent || [];
        trial.problems = trial.problems || [];
        show(trial.problems);
        ctrl.trial = trial;
      }, report).finally(function () { ctrl.busy = false; apply(); });
    };

    function save() {
      return integrationsService.save(ctrl.name, ctrl.title, ctrl.template.id, values()).then(function (integration) {
        ctrl.existing = integration;
        return integration;
      });
    }

    ctrl.save = function () {
      clearResults();
      ctrl.attempted = true;
      ctrl.busy = true;
      save().then(function (i) {
        ctrl.done = 'Saved as a draft: ' + named(i) + '. Nothing runs until it is submitted and approved.';
      }, refused).finally(function () { ctrl.busy = false; apply(); });
    };

    ctrl.submit = function () {
      clearResults();
      ctrl.attempted = true;
      ctrl.busy = true;
      save().then(function (saved) { return integrationsService.submit(saved.name); }).then(function (i) {
        ctrl.existing = i;
        ctrl.submitted = true;
        ctrl.done = 'Submitted for approval: ' + named(i) + ' is now ' + i.status + '; an approver sees it on their Approvals page.';
      }, refused).finally(function () { ctrl.busy = false; apply(); });
    };

    ctrl.openMine = function () { ctrl.onOpen({tab: 'integrations'}); };

    /** A file chosen for the sample: its text goes into the sample's textarea, its name into the file name. */
    function loadSample(event) {
      var input = event.target;
      if (input.id !== 'conflux-sample-file' || !input.files || !input.files[0]) { return; }
      var file = input.files[0];
      if (file.size > SAMPLE_MAX) {
        $scope.$applyAsync(function () { ctrl.error = file.name + ' is larger than 1 MB: try it on a smaller sample.'; });
        return;
      }
      var reader = new FileReader();
      reader.onload = function () {
        $scope.$applyAsync(function () {
          ctrl.sample.body = String(reader.result);
          ctrl.sample.name = file.name;
        });
      };
      reader.onerror = function () {
        $scope.$applyAsync(function () { ctrl.error = 'Could not read ' + file.name + '.'; });
      };
      reader.readAsText(file);
    }

    ctrl.$onInit = function () {
      $element.on('change', loadSample);
      integrationsService.templates().then(function (templates) {
        ctrl.templates = templates;
        if (!ctrl.edit) { return null; }
        return integrationsService.get(ctrl.edit).then(function (integration) {
          var t = templates.filter(function (x) { return x.id === integration.template; })[0];
          if (t) {
            ctrl.choose(t, integration);
          } else {
            ctrl.error = 'Integration ' + integration.name + ' was made from template ' + integration.template +
              ', which is not offered to you.';
          }
        });
      }).then(null, report).finally(apply);
    };
    ctrl.$onDestroy = function () { $element.off('change', loadSample); };
  }
  NewIntegrationController.$inject = ['$scope', '$element', 'confluxIntegrationsService'];

  // ---- My integrations --------------------------------------------------------------------------------------
  function MyIntegrationsController($scope, $interval, integrationsService) {
    var ctrl = this;
    ctrl.integrations = null;
    ctrl.exported = null;       // {name, yaml}
    ctrl.confirm = null;        // {text, label, action}
    ctrl.importDocument = '';
    ctrl.statusLabel = function (i) { return STATUS_LABEL[i.status] || 'label-default'; };
    ctrl.when = dayClock;

    function apply() { $scope.$applyAsync(); }

    ctrl.refresh = function () {
      integrationsService.mine().then(function (integrations) {
        ctrl.integrations = integrations;
        ctrl.loadError = null;
      }, function (response) {
        ctrl.loadError = explain(response);
      }).finally(apply);
    };

    /** Runs an action, reports its outcome and reads the integrations again. */
    function act(promise, success) {
      ctrl.error = null;
      ctrl.done = null;
      return promise.then(function (value) {
        ctrl.done = success(value);
        ctrl.refresh();
      }, function (response) {
        ctrl.error = explain(response);
      }).finally(apply);
    }

    /** "today" when the count started at today's midnight or later, else since when. */
    ctrl.since = function (i) {
      var since = instant(i.processedSince);
      if (!since) { return ''; }
      var midnight = new Date();
      midnight.setHours(0, 0, 0, 0);
      return since.getTime() >= midnight.getTime() ? 'today' : 'since ' + dayClock(since.getTime());
    };

    ctrl.pause = function (i) {
      act(integrationsService.pause(i.name), function (v) { return named(v) + ' paused: its flow takes nothing until resumed.'; });
    };
    ctrl.resume = function (i) {
      act(integrationsService.resume(i.name), function (v) { return named(v) + ' resumed: its flow is ' + (v.flowState || 'starting') + '.'; });
    };
    ctrl.submit = function (i) {
      act(integrationsService.submit(i.name), function (v) {
        return named(v) + ' submitted for approval: now ' + v.status + '.';
      });
    };
    ctrl.edit = function (i) { ctrl.onOpen({tab: 'new-integration', focus: {edit: i.name}}); };

    ctrl.askDelete = function (i) {
      ctrl.confirm = {
        text: i.deployed
          ? 'Delete ' + named(i) + '? Its flow stops and is removed (where this environment requires it, once an approver agrees).'
          : 'Delete ' + named(i) + '? It cannot be recovered.',
        label: 'Delete ' + i.name,
        action: function () {
          return act(integrationsService.remove(i.name), function (v) {
            return v && v.deletion && v.status === 'PENDING'
              ? 'Deletion of ' + named(v) + ' requested: it waits for an approver.' : named(i) + ' deleted.';
          });
        }
      };
    };
    ctrl.runConfirmed = function () {
      var c = ctrl.confirm;
      ctrl.confirm = null;
      c.action();
    };

    ctrl.exportIntegration = function (i) {
      ctrl.error = null;
      integrationsService.exportIntegration(i.name).then(function (yaml) {
        ctrl.exported = {name: i.name, yaml: yaml};
      }, function (response) { ctrl.error = explain(response); }).finally(apply);
    };
    ctrl.copyExport = function () {
      if (navigator.clipboard && ctrl.exported) {
        navigator.clipboard.writeText(ctrl.exported.yaml).then(function () {
          $scope.$applyAsync(function () { ctrl.done = 'Export of ' + ctrl.exported.name + ' copied.'; });
        }, function () {
          $scope.$applyAsync(function () { ctrl.error = 'The browser did not allow copying: select the text and copy it.'; });
        });
      }
    };

    ctrl.importIt = function () {
      act(integrationsService.importIntegration(ctrl.importDocument), function (v) {
        ctrl.importDocument = '';
        return 'Imported ' + named(v) + ': now ' + v.status + (v.status === 'PENDING' ? ', waiting for an approver.' : '.');
      });
    };

    var timer = $interval(function () {
      if (!ctrl.confirm) { ctrl.refresh(); }
    }, REFRESH_MS);
    ctrl.$onDestroy = function () { $interval.cancel(timer); };
    ctrl.$onInit = ctrl.refresh;
  }
  MyIntegrationsController.$inject = ['$scope', '$interval', 'confluxIntegrationsService'];

  // ---- Approvals --------------------------------------------------------------------------------------------
  function ApprovalsController($scope, $interval, integrationsService) {
    var ctrl = this;
    ctrl.who = null;
    ctrl.pending = null;
    ctrl.comments = {};         // integration name -> the approver's comment

    function apply() { $scope.$applyAsync(); }

    ctrl.refresh = function () {
      integrationsService.pending().then(function (pending) {
        ctrl.pending = pending;
        ctrl.loadError = null;
      }, function (response) {
        ctrl.loadError = explain(response);
      }).finally(apply);
    };

    ctrl.rule = function () {
      var rule = ctrl.who && ctrl.who.approvalRule;
      if (rule === 'four-eyes') { return 'four-eyes: someone other than the author must approve'; }
      if (rule === 'self') { return 'self-approval allowed'; }
      return rule || '';
    };
    ctrl.own = function (i) {
      return !!ctrl.who && ctrl.who.approvalRule === 'four-eyes' && (i.submittedBy === ctrl.who.user || i.owner === ctrl.who.user);
    };
    ctrl.parameterNames = function (i) { return Object.keys(i.parameters || {}).sort(); };

    function decide(i, approve) {
      var comment = ctrl.comments[i.name] || '';
      ctrl.error = null;
      ctrl.done = null;
      (approve ? integrationsService.approve(i.name, i.updatedAt, comment)
        : integrationsService.reject(i.name, i.updatedAt, comment)).then(function (v) {
        delete ctrl.comments[i.name];
        ctrl.done = approve
          ? 'Approved: ' + named(v) + (i.deletion ? ' is deleted.' : ' is deployed' + (v.flowState ? ' (' + v.flowState + ').' : '.'))
          : 'Rejected: ' + named(v) + ' goes back to ' + (v.owner || 'its author') + ' with your comment.';
        ctrl.refresh();
      }, function (response) {
        ctrl.error = explain(response);
      }).finally(apply);
    }
    ctrl.approve = function (i) { decide(i, true); };
    ctrl.reject = function (i) { decide(i, false); };

    var timer = $interval(ctrl.refresh, REFRESH_MS);
    ctrl.$onDestroy = function () { $interval.cancel(timer); };
    ctrl.$onInit = function () {
      integrationsService.whoAmI().then(function (who) { ctrl.who = who; }, function () { ctrl.who = null; }).finally(apply);
      ctrl.refresh();
    };
  }
  ApprovalsController.$inject = ['$scope', '$interval', 'confluxIntegrationsService'];

  // ---- templates --------------------------------------------------------------------------------------------
  var MESSAGES_HTML =
    '<div class="alert alert-danger conflux-integrations-error" ng-if="$ctrl.error">' +
    '  <span class="pficon pficon-error-circle-o"></span> {{$ctrl.error}} <button class="close" ng-click="$ctrl.error = null">&times;</button></div>' +
    '<div class="alert alert-success conflux-integrations-done" ng-if="$ctrl.done">' +
    '  <span class="pficon pficon-ok"></span> {{$ctrl.done}} <button class="close" ng-click="$ctrl.done = null">&times;</button></div>';

  var LOAD_ERROR_HTML =
    '<div class="alert alert-danger conflux-integrations-error" ng-if="$ctrl.loadError">' +
    '  <span class="pficon pficon-error-circle-o"></span> {{$ctrl.loadError}}</div>';

  /** Under a field: the server's problems with it, then the form's own hint. */
  function fieldProblemsHtml(field, hint) {
    return '<div class="help-block conflux-field-problem" data-field="' + field.attr + '" ng-if="$ctrl.problems[' + field.key + '].length">' +
      '<div ng-repeat="m in $ctrl.problems[' + field.key + '] track by $index">{{m}}</div></div>' +
      (hint ? '<span class="help-block conflux-field-hint" ng-if="' + hint + '">{{' + hint + '}}</span>' : '');
  }

  var PARAMETER_HTML =
    '<div class="form-group" ng-repeat="p in $ctrl.template.parameters track by p.name" data-parameter="{{p.name}}"' +
    '    ng-class="{\'has-error\': $ctrl.problems[p.name].length}">' +
    '  <label class="col-sm-3 control-label" for="conflux-param-{{p.name}}">{{p.label || p.name}}' +
    '    <span class="conflux-required" ng-if="p.required && $ctrl.typeOf(p) !== \'boolean\'" title="required">*</span></label>' +
    '  <div class="col-sm-6" ng-switch="$ctrl.inputOf(p)">' +
    '    <textarea ng-switch-when="textarea" id="conflux-param-{{p.name}}" class="form-control" rows="4" ng-model="$ctrl.values[p.name]"' +
    '      placeholder="{{$ctrl.placeholder(p)}}"></textarea>' +
    '    <input ng-switch-when="number" type="number" step="any" id="conflux-param-{{p.name}}" class="form-control"' +
    '      ng-model="$ctrl.values[p.name]" placeholder="{{$ctrl.placeholder(p)}}">' +
    '    <div ng-switch-when="checkbox" class="checkbox"><label>' +
    '      <input type="checkbox" id="conflux-param-{{p.name}}" ng-model="$ctrl.values[p.name]"> yes</label></div>' +
    '    <select ng-switch-when="enum" id="conflux-param-{{p.name}}" class="form-control" ng-model="$ctrl.values[p.name]">' +
    '      <option value="">(choose)</option><option ng-repeat="v in p.values track by $index" value="{{v}}">{{v}}</option></select>' +
    '    <div ng-switch-when="connector">' +
    '      <select ng-if="p.choices.length" id="conflux-param-{{p.name}}" class="form-control" ng-model="$ctrl.values[p.name]">' +
    '        <option value="">(choose a {{p.connectorType}} connection)</option>' +
    '        <option ng-repeat="c in p.choices track by $index" value="{{c}}">{{c}}</option></select>' +
    '      <div ng-if="!p.choices.length" class="alert alert-warning conflux-no-connector" data-field="{{p.name}}">' +
    '        No connection of type {{p.connectorType}} is published to you; ask IT.</div></div>' +
    '    <input ng-switch-default type="text" id="conflux-param-{{p.name}}" class="form-control" ng-model="$ctrl.values[p.name]"' +
    '      placeholder="{{$ctrl.placeholder(p)}}" autocomplete="off">' +
    fieldProblemsHtml({attr: '{{p.name}}', key: 'p.name'}, '$ctrl.hint(p)') +
    '    <span class="help-block conflux-field-help" ng-if="p.help">{{p.help}}</span>' +
    '  </div></div>';

  var NEW_INTEGRATION_HTML =
    '<div class="conflux-new-integration">' +
    // the gallery
    '<div ng-if="!$ctrl.template">' +
    '<p>Choose what your integration should do. IT wrote and published each template; you fill in the details, try it' +
    '  on a sample and submit it for approval.</p>' +
    MESSAGES_HTML +
    '<form class="form-inline conflux-template-search-form" ng-submit="0"><input id="conflux-template-search" class="form-control"' +
    '  ng-model="$ctrl.search" placeholder="search: a word of the title, the description or the category" autocomplete="off"></form>' +
    '<p class="text-muted" ng-if="!$ctrl.templates && !$ctrl.error">Reading the templates&hellip;</p>' +
    '<p class="conflux-template-none" ng-if="$ctrl.templates && !($ctrl.templates | filter:$ctrl.matches).length">' +
    '  <span ng-if="$ctrl.templates.length">No template matches &ldquo;{{$ctrl.search}}&rdquo;.</span>' +
    '  <span ng-if="!$ctrl.templates.length">No template is published to you yet; ask IT.</span></p>' +
    '<div class="row conflux-template-gallery">' +
    '  <div class="col-xs-12 col-sm-6 col-md-4 col-lg-3" ng-repeat="t in $ctrl.templates | filter:$ctrl.matches | orderBy:[\'category\', \'title\'] track by t.id">' +
    '    <div class="card-pf card-pf-view card-pf-view-select conflux-template-card" data-template="{{t.id}}" tabindex="0" role="button"' +
    '        ng-click="$ctrl.choose(t)" ng-keypress="$event.keyCode === 13 && $ctrl.choose(t)">' +
    '      <div class="card-pf-body">' +
    '        <div class="card-pf-top-element"><span class="card-pf-icon-circle" ng-class="$ctrl.iconClass(t)"></span></div>' +
    '        <h2 class="card-pf-title text-center conflux-template-title">{{t.title}}</h2>' +
    '        <p class="text-center"><span class="label label-info conflux-template-category">{{t.category}}</span>' +
    '          <small class="text-muted">version {{t.version}}</small></p>' +
    '        <p class="conflux-template-description">{{t.description}}</p>' +
    '      </div></div></div></div>' +
    '</div>' +
    // the form of the chosen template
    '<div ng-if="$ctrl.template" class="conflux-integration-form" data-template="{{$ctrl.template.id}}">' +
    '<h3><span ng-class="$ctrl.iconClass($ctrl.template)"></span> {{$ctrl.template.title}}' +
    '  <small>{{$ctrl.template.category}}, version {{$ctrl.template.version}}</small>' +
    '  <button type="button" class="btn btn-link conflux-back" ng-click="$ctrl.back()">back to the gallery</button></h3>' +
    '<p>{{$ctrl.template.description}}</p>' +
    '<p class="alert alert-info" ng-if="$ctrl.existing && $ctrl.existing.templateVersion !== $ctrl.template.version">' +
    '  {{$ctrl.existing.name}} was made with version {{$ctrl.existing.templateVersion}} of this template; saving it uses version {{$ctrl.template.version}}.</p>' +
    '<form class="form-horizontal" novalidate ng-submit="$ctrl.check()">' +
    '  <div class="form-group" ng-class="{\'has-error\': $ctrl.problems.name.length}">' +
    '    <label class="col-sm-3 control-label" for="conflux-integration-name">Name <span class="conflux-required" title="required">*</span></label>' +
    '    <div class="col-sm-6"><input id="conflux-integration-name" class="form-control" ng-model="$ctrl.name" ng-readonly="$ctrl.existing"' +
    '      placeholder="lower-case letters, digits and -: orders-to-erp" autocomplete="off">' +
    fieldProblemsHtml({attr: 'name', key: '\'name\''}, '$ctrl.nameHint()') +
    '      <span class="help-block">Also the name of its flow; it cannot change once saved.</span></div></div>' +
    '  <div class="form-group" ng-class="{\'has-error\': $ctrl.problems.title.length}">' +
    '    <label class="col-sm-3 control-label" for="conflux-integration-title">Title</label>' +
    '    <div class="col-sm-6"><input id="conflux-integration-title" class="form-control" ng-model="$ctrl.title"' +
    '      placeholder="what you call it: Orders from partner A to the ERP" autocomplete="off">' +
    fieldProblemsHtml({attr: 'title', key: '\'title\''}) +
    '    </div></div>' +
    PARAMETER_HTML +
    '  <div class="form-group"><div class="col-sm-offset-3 col-sm-9">' +
    '    <div class="alert alert-danger conflux-integration-problems" ng-if="$ctrl.general.length"><strong>Problems</strong>' +
    '      <ul><li ng-repeat="m in $ctrl.general track by $index">{{m}}</li></ul></div>' +
    '    <button type="submit" class="btn btn-default" id="conflux-check" ng-disabled="$ctrl.busy">Check</button>' +
    '    <span class="text-success conflux-check-ok" ng-if="$ctrl.checked.ok"><span class="pficon pficon-ok"></span> No problems: the server accepts these values.</span>' +
    '    <span class="text-danger conflux-check-failed" ng-if="$ctrl.checked && !$ctrl.checked.ok">The server found problems: see them next to the fields.</span>' +
    '    <details class="conflux-integration-flow-box" ng-if="$ctrl.flow"><summary>The flow these values make (what an approver sees)</summary>' +
    '      <pre id="conflux-integration-flow">{{$ctrl.flow}}</pre></details>' +
    '  </div></div>' +
    '</form>' +
    '<div class="panel panel-default conflux-try-panel">' +
    '  <div class="panel-heading"><strong>Try it</strong> on a sample: the integration runs once, with every outgoing endpoint replaced by a capture.</div>' +
    '  <div class="panel-body">' +
    '    <label for="conflux-sample-body">Sample input</label>' +
    '    <textarea id="conflux-sample-body" class="form-control conflux-sample-body" rows="6" ng-model="$ctrl.sample.body"' +
    '      placeholder="paste a sample message or file here, or load a file"></textarea>' +
    '    <div class="form-inline conflux-sample-row">' +
    '      <label>Load a file <input type="file" id="conflux-sample-file" class="conflux-sample-file"></label>' +
    '      <label for="conflux-sample-name">File name</label> <input id="conflux-sample-name" class="form-control" ng-model="$ctrl.sample.name">' +
    '      <button type="button" class="btn btn-primary" id="conflux-try" ng-click="$ctrl.tryOut()" ng-disabled="$ctrl.busy">Try it</button></div>' +
    '    <div id="conflux-trial" class="conflux-trial" ng-if="$ctrl.trial">' +
    '      <p class="text-danger conflux-trial-not-run" ng-if="$ctrl.trial.problems.length">Not run: fix the problems shown next to the fields.</p>' +
    '      <div ng-if="!$ctrl.trial.problems.length">' +
    '        <p class="conflux-trial-note"><span class="pficon pficon-info"></span> Nothing was sent: every outgoing endpoint was replaced by a capture.</p>' +
    '        <div class="alert alert-danger conflux-trial-error" ng-if="$ctrl.trial.error">It failed on the sample: {{$ctrl.trial.error}}</div>' +
    '        <table class="table table-bordered conflux-trial-outputs" ng-if="$ctrl.trial.sent.length">' +
    '          <thead><tr><th>#</th><th>Would be sent to</th><th>Headers</th><th>Body</th></tr></thead>' +
    '          <tbody><tr class="conflux-trial-output" ng-repeat="o in $ctrl.trial.sent track by $index">' +
    '            <td>{{$index + 1}}</td><td class="conflux-trial-endpoint"><code>{{o.endpoint}}</code></td>' +
    '            <td class="small conflux-trial-headers"><div ng-repeat="(k, v) in o.headers">{{k}}: {{v}}</div></td>' +
    '            <td><pre class="conflux-body conflux-trial-body">{{$ctrl.pretty(o.body)}}</pre></td></tr></tbody></table>' +
    '        <p class="conflux-trial-nothing" ng-if="!$ctrl.trial.sent.length">Nothing would be sent.</p></div>' +
    '    </div></div></div>' +
    MESSAGES_HTML +
    '<div class="conflux-integration-actions">' +
    '  <button type="button" class="btn btn-default" id="conflux-save" ng-click="$ctrl.save()" ng-disabled="$ctrl.busy">Save as draft</button>' +
    '  <button type="button" class="btn btn-primary" id="conflux-submit" ng-click="$ctrl.submit()" ng-disabled="$ctrl.busy">Submit for approval</button>' +
    '  <a href="" class="conflux-open-mine" ng-if="$ctrl.existing" ng-click="$ctrl.openMine()">My integrations</a></div>' +
    '</div></div>';

  var MY_INTEGRATIONS_HTML =
    '<div class="conflux-my-integrations">' +
    '<p>Your integrations, where each stands in its approval and how its flow runs. Refreshed every 5 seconds.</p>' +
    LOAD_ERROR_HTML + MESSAGES_HTML +
    '<div class="alert alert-warning conflux-integrations-confirm" ng-if="$ctrl.confirm"><p>{{$ctrl.confirm.text}}</p>' +
    '  <button class="btn btn-danger conflux-confirm-yes" ng-click="$ctrl.runConfirmed()">{{$ctrl.confirm.label}}</button>' +
    '  <button class="btn btn-default" ng-click="$ctrl.confirm = null">Cancel</button></div>' +
    '<table id="conflux-my-integrations" class="table table-striped table-bordered">' +
    '  <thead><tr><th>Integration</th><th>Template</th><th>Status</th><th>Flow</th><th class="text-right">Processed</th>' +
    '    <th class="text-right">Failed</th><th>Last error</th><th>Actions</th></tr></thead>' +
    '  <tbody><tr ng-repeat="i in $ctrl.integrations | orderBy:\'name\' track by i.name" data-integration="{{i.name}}">' +
    '    <td><strong>{{i.title || i.name}}</strong><div class="small text-muted">{{i.name}}<span ng-if="i.owner"> &middot; {{i.owner}}</span></div></td>' +
    '    <td class="conflux-integration-template">{{i.template}}@{{i.templateVersion}}</td>' +
    '    <td class="conflux-integration-status"><span class="label" ng-class="$ctrl.statusLabel(i)">{{i.status}}</span>' +
    '      <span class="label label-warning conflux-integration-deletion" ng-if="i.deletion">deletion requested</span>' +
    '      <div class="small conflux-integration-comment" ng-if="i.status === \'REJECTED\'">' +
    '        rejected by {{i.decidedBy}}<span ng-if="i.comment">: &ldquo;{{i.comment}}&rdquo;</span></div>' +
    '      <div class="small text-muted" ng-if="i.updatedAt">{{$ctrl.when(i.updatedAt)}}</div></td>' +
    '    <td class="conflux-integration-flow-state"><span ng-if="i.flowState" class="label" ng-class="{\'label-success\': i.flowState === \'STARTED\',' +
    '      \'label-default\': i.flowState === \'STOPPED\', \'label-danger\': i.flowState === \'FAILED\'}">{{i.flowState}}</span>' +
    '      <span class="text-muted" ng-if="!i.flowState">not deployed</span></td>' +
    '    <td class="text-right conflux-integration-processed">{{i.processed}} <div class="small text-muted">{{$ctrl.since(i)}}</div></td>' +
    '    <td class="text-right conflux-integration-failed" ng-class="{\'text-danger\': i.failed > 0}">{{i.failed}}</td>' +
    '    <td class="small conflux-integration-last-error">{{i.lastError}}</td>' +
    '    <td class="conflux-actions">' +
    '      <button class="btn btn-default btn-sm conflux-integration-pause" ng-if="i.deployed && i.flowState === \'STARTED\'" ng-click="$ctrl.pause(i)">Pause</button>' +
    '      <button class="btn btn-default btn-sm conflux-integration-resume" ng-if="i.deployed && (i.flowState === \'STOPPED\' || i.flowState === \'FAILED\')" ng-click="$ctrl.resume(i)">Resume</button>' +
    '      <button class="btn btn-default btn-sm conflux-integration-edit" ng-click="$ctrl.edit(i)">Edit</button>' +
    '      <button class="btn btn-primary btn-sm conflux-integration-submit" ng-if="i.status === \'DRAFT\' || i.status === \'REJECTED\'" ng-click="$ctrl.submit(i)">Submit</button>' +
    '      <button class="btn btn-default btn-sm conflux-integration-export" ng-click="$ctrl.exportIntegration(i)">Export</button>' +
    '      <button class="btn btn-danger btn-sm conflux-integration-delete" ng-click="$ctrl.askDelete(i)">Delete</button></td></tr>' +
    '  <tr ng-if="$ctrl.integrations && !$ctrl.integrations.length"><td colspan="8">You have no integrations yet: make one on the New integration page.</td></tr>' +
    '  </tbody></table>' +
    '<div class="panel panel-default conflux-export-panel" ng-if="$ctrl.exported" data-integration="{{$ctrl.exported.name}}">' +
    '  <div class="panel-heading"><strong>Export of {{$ctrl.exported.name}}</strong>' +
    '    <button class="close" ng-click="$ctrl.exported = null">&times;</button></div>' +
    '  <div class="panel-body"><p class="small">Copy this document (select it and press Ctrl+C, or' +
    '    <a href="" ng-click="$ctrl.copyExport()">copy it</a>) and paste it into Import on this page in the other environment;' +
    '    it is checked and submitted to that environment\'s approval rule there.</p>' +
    '    <pre class="conflux-export">{{$ctrl.exported.yaml}}</pre></div></div>' +
    '<div class="panel panel-default conflux-import-panel">' +
    '  <div class="panel-heading"><strong>Import</strong> an integration exported from another environment</div>' +
    '  <div class="panel-body">' +
    '    <textarea id="conflux-import-document" class="form-control conflux-import-document" rows="6" ng-model="$ctrl.importDocument"' +
    '      placeholder="paste the exported document here"></textarea>' +
    '    <p></p><button id="conflux-import" class="btn btn-default" ng-disabled="!$ctrl.importDocument" ng-click="$ctrl.importIt()">Import</button></div></div>' +
    '</div>';

  var APPROVALS_HTML =
    '<div class="conflux-approvals">' +
    '<p>The integrations waiting for your decision: what each would deploy and what it would touch. Refreshed every 5 seconds.</p>' +
    '<p class="conflux-approval-rule" ng-if="$ctrl.who">The rule here: <strong>{{$ctrl.rule()}}</strong>.</p>' +
    LOAD_ERROR_HTML + MESSAGES_HTML +
    '<table id="conflux-approvals" class="table table-bordered">' +
    '  <thead><tr><th>Integration</th><th>Owner</th><th>Template</th><th>Submitted by</th><th>Request</th>' +
    '    <th>What it would do</th><th>Decision</th></tr></thead>' +
    '  <tbody><tr ng-repeat="i in $ctrl.pending | orderBy:\'name\' track by i.name" data-integration="{{i.name}}">' +
    '    <td><strong>{{i.title || i.name}}</strong><div class="small text-muted">{{i.name}}</div></td>' +
    '    <td>{{i.owner}}</td><td class="conflux-approval-template">{{i.template}}@{{i.templateVersion}}</td><td>{{i.submittedBy}}</td>' +
    '    <td class="conflux-approval-request"><span class="label label-danger conflux-approval-deletion" ng-if="i.deletion">deletion</span>' +
    '      <span ng-if="!i.deletion">{{i.deployed ? "change" : "new"}}</span></td>' +
    '    <td class="conflux-approval-details">' +
    '      <dl class="dl-horizontal conflux-approval-parameters"><dt ng-repeat-start="k in $ctrl.parameterNames(i)">{{k}}</dt>' +
    '        <dd ng-repeat-end>{{i.parameters[k]}}</dd></dl>' +
    '      <strong>What it would touch</strong><ul class="conflux-approval-touches"><li ng-repeat="t in i.touches track by $index"><code>{{t}}</code></li>' +
    '        <li ng-if="!i.touches.length" class="text-muted">nothing named</li></ul>' +
    '      <strong>The flow</strong><pre class="conflux-approval-flow">{{i.flow}}</pre></td>' +
    '    <td class="conflux-approval-decision">' +
    '      <input class="form-control input-sm conflux-approval-comment" ng-model="$ctrl.comments[i.name]" placeholder="comment (why, for a rejection)">' +
    '      <p class="small text-warning conflux-approval-own" ng-if="$ctrl.own(i)">You submitted it: someone else must approve it.</p>' +
    '      <button class="btn btn-success btn-sm conflux-approve" ng-click="$ctrl.approve(i)">Approve</button>' +
    '      <button class="btn btn-danger btn-sm conflux-reject" ng-click="$ctrl.reject(i)" ng-disabled="!$ctrl.comments[i.name]"' +
    '        title="say why in the comment">Reject</button></td></tr>' +
    '  <tr ng-if="$ctrl.pending && !$ctrl.pending.length"><td colspan="7" class="conflux-approvals-none">Nothing waits for your decision.</td></tr>' +
    '  </tbody></table>' +
    '</div>';

  ConfluxIntegrations._module = angular.module(ConfluxIntegrations.pluginName, [])
    .service('confluxIntegrationsService', IntegrationsService)
    .component('confluxNewIntegration', {template: NEW_INTEGRATION_HTML, controller: NewIntegrationController,
      bindings: {edit: '<', onOpen: '&'}})
    .component('confluxMyIntegrations', {template: MY_INTEGRATIONS_HTML, controller: MyIntegrationsController,
      bindings: {onOpen: '&'}})
    .component('confluxApprovals', {template: APPROVALS_HTML, controller: ApprovalsController});

  var style = document.createElement('style');
  style.textContent = '.conflux-template-search-form input { width: 36em; margin-bottom: 12px; }' +
    ' .conflux-template-card { cursor: pointer; min-height: 15em; } .conflux-template-card:hover { border-color: #0088ce; }' +
    ' .conflux-template-card .card-pf-title { font-size: 16px; } .conflux-required { color: #c00; }' +
    ' .conflux-new-integration h3 .btn-link { font-size: 13px; } .conflux-integration-flow-box { margin-top: 10px; }' +
    ' #conflux-integration-flow, pre.conflux-approval-flow, pre.conflux-export { max-height: 24em; overflow: auto; }' +
    ' pre.conflux-approval-flow { max-width: 50em; } .conflux-check-ok, .conflux-check-failed { margin-left: 10px; }' +
    ' .conflux-sample-row { margin: 8px 0; } .conflux-sample-row label, .conflux-sample-row .btn { margin-right: 8px; }' +
    ' .conflux-sample-row input[type=file] { display: inline-block; } .conflux-trial { margin-top: 10px; }' +
    ' .conflux-integration-actions { margin-bottom: 20px; } .conflux-integration-actions .btn { margin-right: 6px; }' +
    ' .conflux-approval-decision { min-width: 16em; } .conflux-approval-decision .btn { margin: 6px 4px 0 0; }' +
    ' .conflux-approval-parameters dt { width: 110px; } .conflux-approval-parameters dd { margin-left: 125px; word-break: break-all; }' +
    ' .conflux-import-document { font-family: monospace; }' +
    ' .conflux-approval-details { max-width: 60em; } .conflux-approval-touches code { white-space: normal; word-break: break-all; }';
  document.head.appendChild(style);

  return ConfluxIntegrations;
})(ConfluxIntegrations || {});

hawtioPluginLoader.addModule(ConfluxIntegrations.pluginName);
