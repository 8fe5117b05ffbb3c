// Enterprise Connect console: signs in with Keycloak (authorization code + PKCE, public client
// enterprise-connect-console) and calls the admin REST API. Keycloak decides every permission;
// this script only hides what the signed-in administrator may not do.
(function () {
  'use strict';

  var S = JSON.parse(document.getElementById('console-settings').textContent);
  var CONSOLE_URL = S.server + S.consolePath;
  var CONNECTOR_TYPE = 'dev.enterpriseconnect.scim.connector.ScimConnectorProvider';
  var TOKENS = 'ec.console.tokens.' + S.realm;
  var PENDING = 'ec.console.pending.' + S.realm;
  var access = null;

  // ---------- small DOM helpers ----------
  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') node.textContent = attrs[k];
      else if (k === 'class') node.className = attrs[k];
      else if (k.indexOf('on') === 0) node.addEventListener(k.substring(2), attrs[k]);
      else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) node.setAttribute(k, attrs[k] === true ? '' : attrs[k]);
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child === null || child === undefined) continue;
      (Array.isArray(child) ? child : [child]).forEach(function (c) {
        if (c !== null && c !== undefined) node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
      });
    }
    return node;
  }
  function app() { return document.getElementById('app'); }
  function show(node) { var a = app(); a.innerHTML = ''; a.appendChild(node); }
  function notice(kind, text) {
    var n = document.getElementById('notice');
    n.innerHTML = '';
    if (text) n.appendChild(alert(kind, text));
  }
  function alert(kind, text) {
    return el('div', { class: 'pf-v5-c-alert pf-m-inline pf-m-' + kind, 'data-kind': kind },
      el('p', { class: 'pf-v5-c-alert__title ' + (kind === 'danger' ? 'ec-error' : ''), text: text }));
  }
  function button(text, onclick, kind, attrs) {
    var a = Object.assign({ class: 'pf-v5-c-button pf-m-' + (kind || 'secondary'), type: 'button', onclick: onclick }, attrs || {});
    return el('button', a, text);
  }
  function copyButton(value, label) {
    var b = button('Copy', null, 'link', { class: 'pf-v5-c-button pf-m-link pf-m-inline ec-copy', 'data-copy': value,
      'aria-label': 'Copy ' + (label || 'value') });
    b.addEventListener('click', function () {
      copy(value).then(function () { b.textContent = 'Copied'; setTimeout(function () { b.textContent = 'Copy'; }, 4000); });
    });
    return b;
  }
  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return fallbackCopy(text); });
    }
    return Promise.resolve(fallbackCopy(text));
  }
  function fallbackCopy(text) {
    var area = el('textarea', { class: 'ec-hidden' });
    area.value = text;
    document.body.appendChild(area);
    area.select();
    try { document.execCommand('copy'); } catch (ignored) { /* the value stays visible to copy by hand */ }
    document.body.removeChild(area);
  }
  function field(label, input, help) {
    var id = input.id || ('f-' + Math.random().toString(36).slice(2));
    input.id = id;
    return el('div', { class: 'pf-v5-c-form__group' },
      el('div', { class: 'pf-v5-c-form__group-label' }, el('label', { class: 'pf-v5-c-form__label', for: id },
        el('span', { class: 'pf-v5-c-form__label-text', text: label }))),
      el('div', { class: 'pf-v5-c-form__group-control' }, input,
        help ? el('div', { class: 'pf-v5-c-form__helper-text' }, el('small', { text: help })) : null));
  }
  function textInput(name, value, attrs) {
    var i = el('input', Object.assign({ class: 'pf-v5-c-form-control', type: 'text', name: name, 'data-setting': name }, attrs || {}));
    i.value = value === undefined || value === null ? '' : value;
    return i;
  }
  function select(name, options, value, attrs) {
    var s = el('select', Object.assign({ class: 'pf-v5-c-form-control', name: name, 'data-setting': name }, attrs || {}));
    options.forEach(function (o) {
      var opt = Array.isArray(o) ? o : [o, o];
      var option = el('option', { value: opt[0] }, opt[1]);
      if (String(opt[0]) === String(value === undefined || value === null ? '' : value)) option.selected = true;
      s.appendChild(option);
    });
    return s;
  }
  function section(title, id) {
    return el('section', { class: 'ec-section', id: id }, el('h2', { text: title }));
  }
  function table(headers, rows, attrs) {
    return el('table', Object.assign({ class: 'ec-table pf-v5-c-table pf-m-compact' }, attrs || {}),
      el('thead', {}, el('tr', {}, headers.map(function (h) { return el('th', { text: h }); }))),
      el('tbody', {}, rows));
  }
  function fmtTime(value) {
    if (!value) return '—';
    var d = new Date(isNaN(Number(value)) ? value : Number(value));
    return isNaN(d.getTime()) ? String(value) : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
  }

  // ---------- sign-in: authorization code + PKCE ----------
  function b64url(bytes) {
    var s = '';
    new Uint8Array(bytes).forEach(function (b) { s += String.fromCharCode(b); });
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  function randomString() {
    var bytes = new Uint8Array(32);
    crypto.getRandomValues(bytes);
    return b64url(bytes);
  }
  function oidc(realm, path) { return S.server + '/realms/' + encodeURIComponent(realm) + '/protocol/openid-connect/' + path; }

  function signIn(realm) {
    var verifier = randomString();
    var state = randomString();
    crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)).then(function (digest) {
      sessionStorage.setItem(PENDING, JSON.stringify({ verifier: verifier, state: state, realm: realm }));
      location.assign(oidc(realm, 'auth') + '?client_id=' + encodeURIComponent(S.clientId) +
        '&response_type=code&scope=openid&redirect_uri=' + encodeURIComponent(CONSOLE_URL) +
        '&state=' + state + '&code_challenge=' + b64url(digest) + '&code_challenge_method=S256');
    });
  }

  function tokenRequest(realm, form) {
    var body = Object.keys(form).map(function (k) { return k + '=' + encodeURIComponent(form[k]); }).join('&');
    return fetch(oidc(realm, 'token'), { method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: body })
      .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.error_description || j.error || r.status); return j; }); })
      .then(function (t) {
        var tokens = { realm: realm, access: t.access_token, refresh: t.refresh_token, idToken: t.id_token,
          expiresAt: Date.now() + (t.expires_in - 10) * 1000 };
        sessionStorage.setItem(TOKENS, JSON.stringify(tokens));
        return tokens;
      });
  }

  function finishSignIn(params) {
    var pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
    sessionStorage.removeItem(PENDING);
    history.replaceState(null, '', CONSOLE_URL + location.hash);
    if (!pending || pending.state !== params.get('state')) return Promise.reject(new Error('The sign-in answer does not match this browser tab; sign in again.'));
    return tokenRequest(pending.realm, { grant_type: 'authorization_code', client_id: S.clientId, code: params.get('code'),
      redirect_uri: CONSOLE_URL, code_verifier: pending.verifier });
  }

  function tokens() { return JSON.parse(sessionStorage.getItem(TOKENS) || 'null'); }

  function accessToken() {
    var t = tokens();
    if (!t) return Promise.reject(new Error('Not signed in'));
    if (Date.now() < t.expiresAt) return Promise.resolve(t.access);
    return tokenRequest(t.realm, { grant_type: 'refresh_token', client_id: S.clientId, refresh_token: t.refresh })
      .then(function (n) { return n.access; })
      .catch(function () { sessionStorage.removeItem(TOKENS); location.reload(); return new Promise(function () {}); });
  }

  function signOut() {
    var t = tokens();
    sessionStorage.removeItem(TOKENS);
    if (!t) { location.assign(CONSOLE_URL); return; }
    location.assign(oidc(t.realm, 'logout') + '?client_id=' + encodeURIComponent(S.clientId) +
      '&post_logout_redirect_uri=' + encodeURIComponent(CONSOLE_URL) + (t.idToken ? '&id_token_hint=' + encodeURIComponent(t.idToken) : ''));
  }

  // ---------- admin REST API ----------
  function api(method, path, body) {
    return accessToken().then(function (token) {
      var headers = { Authorization: 'Bearer ' + token };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      return fetch(S.server + '/admin/realms/' + encodeURIComponent(S.realm) + path, { method: method, headers: headers,
        body: body === undefined ? undefined : JSON.stringify(body) });
    }).then(function (r) {
      return r.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (ignored) { json = null; }
        return { status: r.status, ok: r.ok, json: json, text: text };
      });
    });
  }
  /** The message the API gave: Keycloak's errorMessage, our error, or a SCIM detail. */
  function message(answer) {
    var j = answer.json || {};
    return j.errorMessage || j.error_description || j.error || j.detail || ('HTTP ' + answer.status + ' ' + (answer.text || ''));
  }
  function must(answer) {
    if (!answer.ok) throw new Error(message(answer));
    return answer.json;
  }

  // ---------- pages ----------
  function signInPage(error) {
    var box = el('div', { class: 'ec-refusal' },
      el('h1', { class: 'pf-v5-c-title pf-m-xl', text: 'Enterprise Connect console for ' + S.realmDisplayName }),
      el('p', { text: 'Set up a customer: SCIM connectors, the values to paste into Okta and Entra ID, single sign-on from the customer\'s metadata, and the provisioning log.' }),
      error ? alert('danger', error) : null,
      el('p', {}, button('Sign in to ' + S.realm, function () { signIn(S.realm); }, 'primary', { id: 'sign-in-realm' })));
    if (S.masterRealm !== S.realm) {
      box.appendChild(el('p', {}, button('Sign in as a ' + S.masterRealm + '-realm administrator', function () { signIn(S.masterRealm); },
        'secondary', { id: 'sign-in-master' })));
    }
    show(box);
  }

  function refusal() {
    show(el('div', { class: 'ec-refusal', id: 'refusal' },
      el('h1', { class: 'pf-v5-c-title pf-m-xl', text: 'Not allowed' }),
      alert('danger', 'You are signed in as ' + (access ? access.user : 'this user') +
        ', who may neither see nor change the Enterprise Connect set-up of realm ' + S.realm + '.'),
      el('p', { text: 'Ask an administrator of this realm for the realm-management role view-realm (to see) or manage-realm (to change).' }),
      el('p', {}, button('Sign out', signOut, 'secondary', { id: 'refusal-sign-out' }))));
  }

  function route() {
    notice();
    var m = /^#\/connectors\/([^/]+)/.exec(location.hash);
    if (m) connectorPage(decodeURIComponent(m[1])); else listPage();
  }

  function organizations() {
    return api('GET', '/organizations?briefRepresentation=true&max=1000').then(function (a) { return a.ok ? a.json : []; });
  }

  function connectorsFromComponents() {
    return api('GET', '/components?type=' + encodeURIComponent(CONNECTOR_TYPE)).then(must);
  }

  function setting(component, key) {
    var v = component.config && component.config[key];
    return v && v.length ? v[0] : '';
  }

  function listPage() {
    Promise.all([connectorsFromComponents(), organizations()]).then(function (r) {
      var connectors = r[0], orgs = r[1];
      var orgName = {};
      orgs.forEach(function (o) { orgName[o.id] = o.name; });
      var rows = connectors.map(function (c) {
        var last = el('td', { 'data-column': 'last-request', text: '…' });
        var errors = el('td', { 'data-column': 'errors', text: '…' });
        api('GET', '/scim-connectors/' + c.id + '/log/summary').then(function (a) {
          if (a.ok && a.json) { last.textContent = fmtTime(a.json.lastRequestAt); errors.textContent = String(a.json.errorsLast24h); }
          else { last.textContent = '—'; errors.textContent = '—'; last.title = errors.title = 'The provisioning log is not available on this server'; }
        });
        var org = setting(c, 'organizationId');
        return el('tr', { 'data-connector': c.name },
          el('td', {}, el('a', { href: '#/connectors/' + c.id, text: c.name })),
          el('td', { text: org ? (orgName[org] || org) : 'whole realm' }),
          el('td', { text: setting(c, 'credentialType') || 'bearer' }), last, errors);
      });
      var page = el('div', {},
        el('h1', { class: 'pf-v5-c-title pf-m-2xl', text: 'SCIM connectors' }),
        el('p', { text: 'One connector per customer IdP app (an Okta app, an Entra enterprise application).' }),
        rows.length ? table(['Name', 'Organization', 'Credential kind', 'Last request seen', 'Errors (24 h)'], rows, { id: 'connectors' })
          : el('p', { id: 'no-connectors', text: 'No connectors yet.' }));
      if (access.manage) page.appendChild(createForm(orgs));
      page.appendChild(setupLinksSection(orgs));
      show(page);
    }).catch(function (e) { notice('danger', e.message); });
  }

  var PRESETS = {
    okta: { name: 'okta', credentialType: 'bearer', hint: 'Okta: SCIM 2.0 app, HTTP Header (bearer) or Basic Auth.' },
    entra: { name: 'entra', credentialType: 'bearer', hint: 'Entra ID: Secret Token (bearer) only.' }
  };

  function createForm(orgs) {
    var preset = select('preset', [['okta', 'Okta'], ['entra', 'Microsoft Entra ID']], 'okta', { id: 'new-preset' });
    var name = textInput('name', 'okta', { id: 'new-name' });
    var org = select('organizationId', [['', 'Whole realm (no Organization)']].concat(orgs.map(function (o) { return [o.id, o.name]; })), '',
      { id: 'new-organization' });
    var kind = select('credentialType', [['bearer', 'Bearer token'], ['basic', 'Basic (username and password)'], ['oauth', 'OAuth client credentials']],
      'bearer', { id: 'new-credential' });
    var hint = el('p', { text: PRESETS.okta.hint });
    preset.addEventListener('change', function () {
      var p = PRESETS[preset.value];
      name.value = p.name; kind.value = p.credentialType; hint.textContent = p.hint;
    });
    var result = el('div', { id: 'create-result' });
    var form = el('form', { class: 'pf-v5-c-form ec-form', id: 'create-connector' },
      field('Identity provider', preset), hint, field('Name', name, '1-63 lowercase letters, digits or "-"; part of the SCIM base URL'),
      field('Organization', org), field('Credential kind', kind),
      el('div', { class: 'pf-v5-c-form__actions' }, el('button', { class: 'pf-v5-c-button pf-m-primary', type: 'submit', id: 'create' }, 'Create connector')),
      result);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var body = { name: name.value.trim(), credentialType: kind.value };
      if (org.value) body.organizationId = org.value;
      api('POST', '/scim-connectors', body).then(function (a) {
        result.innerHTML = '';
        if (!a.ok) { result.appendChild(alert('danger', message(a))); return; }
        result.appendChild(secretPanel(a.json, 'Connector ' + a.json.name + ' created'));
        result.appendChild(el('p', {}, el('a', { href: '#/connectors/' + a.json.id, id: 'open-created' }, 'Open ' + a.json.name + ': setup values, settings, single sign-on')));
      });
    });
    var s = section('New connector', 'new-connector');
    s.appendChild(form);
    return s;
  }

  /**
   * Self-serve setup: a link for one Organization that its IT admin opens without an account, the
   * links made so far (revoke), and the domains typed on their pages that wait for proof (approve).
   */
  function setupLinksSection(orgs) {
    var s = section('Setup links', 'setup-links');
    s.appendChild(el('p', { text: 'Send a customer\'s IT admin a link: they pick Okta or Entra ID, follow steps with this customer\'s values, paste their metadata, prove their domains and generate the SCIM secret. No Keycloak account needed.' }));
    var orgName = {};
    orgs.forEach(function (o) { orgName[o.id] = o.name; });
    var list = el('div', { id: 'setup-link-list' });
    var domains = el('div', { id: 'setup-link-domains' });
    s.appendChild(list);
    if (access.manage) {
      var org = select('organizationId', orgs.map(function (o) { return [o.id, o.name]; }), orgs.length ? orgs[0].id : '', { id: 'link-organization' });
      var days = textInput('expiresIn', '7', { id: 'link-days', type: 'number', min: '1', max: '30' });
      var contact = textInput('contact', '', { id: 'link-contact', placeholder: 'e.g. Sam Jones, sam@vendor.example' });
      var result = el('div', { id: 'link-result' });
      var form = el('form', { class: 'pf-v5-c-form ec-form', id: 'create-link' },
        field('Organization', org), field('Expires after (days, at most 30)', days), field('Whom the page tells the IT admin to ask', contact),
        el('div', { class: 'pf-v5-c-form__actions' }, el('button', { class: 'pf-v5-c-button pf-m-primary', type: 'submit', id: 'create-link-submit' }, 'Create setup link')),
        result);
      form.addEventListener('submit', function (ev) {
        ev.preventDefault();
        var body = { organizationId: org.value, expiresIn: days.value.trim() };
        if (contact.value.trim()) body.contact = contact.value.trim();
        api('POST', '/enterprise-connect/setup-links', body).then(function (a) {
          result.innerHTML = '';
          if (!a.ok) { result.appendChild(alert('danger', message(a))); return; }
          result.appendChild(el('div', { class: 'ec-secret', id: 'link-created' },
            el('strong', { text: 'Setup link for ' + a.json.organization + ', valid until ' + fmtTime(a.json.expiresAt) + '. Shown only now: send it to the customer\'s IT admin.' }),
            el('div', {}, el('span', { class: 'ec-value', 'data-link': 'url', text: a.json.url }), copyButton(a.json.url, 'setup link'))));
          loadLinks();
        });
      });
      s.appendChild(form);
    }
    s.appendChild(el('h3', { text: 'Domains typed on setup pages' }));
    s.appendChild(domains);
    function loadLinks() {
      api('GET', '/enterprise-connect/setup-links').then(must).then(function (links) {
        list.innerHTML = '';
        if (!links.length) { list.appendChild(el('p', { text: 'No setup links yet.' })); return; }
        list.appendChild(table(['Organization', 'Status', 'Expires', 'Last used', 'Created by', ''], links.map(function (l) {
          return el('tr', { 'data-link': l.id },
            el('td', { text: l.organization || l.organizationId }), el('td', { 'data-column': 'status', text: l.status }),
            el('td', { text: fmtTime(l.expiresAt) }), el('td', { text: l.lastUsedAt ? fmtTime(l.lastUsedAt) : '—' }),
            el('td', { text: l.createdBy || '' }),
            el('td', {}, access.manage && l.status === 'active' ? button('Revoke', function () {
              api('POST', '/enterprise-connect/setup-links/' + l.id + '/revoke', {}).then(must).then(loadLinks)
                .catch(function (e) { notice('danger', e.message); });
            }, 'secondary', { 'aria-label': 'Revoke the link of ' + (l.organization || l.organizationId) }) : null));
        }), { id: 'setup-link-table' }));
      }).catch(function (e) { list.innerHTML = ''; list.appendChild(alert('danger', e.message)); });
      api('GET', '/enterprise-connect/setup-links/domains').then(must).then(function (claims) {
        domains.innerHTML = '';
        if (!claims.length) { domains.appendChild(el('p', { text: 'None yet.' })); return; }
        domains.appendChild(table(['Domain', 'Organization', 'Status', 'TXT record', ''], claims.map(function (c) {
          return el('tr', { 'data-domain': c.name },
            el('td', { text: c.name }), el('td', { text: orgName[c.organizationId] || c.organizationId }),
            el('td', { text: c.verified ? 'verified (' + c.verifiedBy + ')' : 'unverified: routes no one' }),
            el('td', { class: 'ec-value', text: c.recordName + ' ' + c.recordValue }),
            el('td', {}, access.manage && !c.verified ? button('Approve', function () {
              api('POST', '/enterprise-connect/setup-links/domains/' + c.id + '/approve', {}).then(must).then(loadLinks)
                .catch(function (e) { notice('danger', e.message); });
            }, 'secondary', { 'aria-label': 'Approve ' + c.name }) : null));
        }), { id: 'setup-link-domain-table' }));
      }).catch(function () {});
    }
    loadLinks();
    return s;
  }

  /** The credential, shown this once: copy it into the IdP now. */
  function secretPanel(answer, title) {
    var values = [['SCIM base URL', answer.scimBaseUrl], ['Token', answer.token], ['Username', answer.username],
      ['Password', answer.password], ['Client id', answer.clientId], ['Client secret', answer.clientSecret], ['Token URL', answer.tokenUrl]];
    return el('div', { class: 'ec-secret', id: 'secret' },
      el('strong', { text: title + '. The secret is shown only now: copy it into the IdP.' }),
      el('dl', {}, values.filter(function (v) { return v[1]; }).map(function (v) {
        return el('div', {}, el('dt', { text: v[0] }), el('dd', {}, el('span', { class: 'ec-value', 'data-secret': v[0], text: v[1] }), copyButton(v[1], v[0])));
      })));
  }

  function connectorPage(id) {
    var base = '/enterprise-connect/connectors/' + encodeURIComponent(id);
    Promise.all([api('GET', '/components/' + encodeURIComponent(id)).then(must),
      api('GET', base + '/setup-values').then(must),
      api('GET', '/roles?briefRepresentation=true&max=1000').then(function (a) { return a.ok ? a.json : []; }),
      api('GET', base + '/settings').then(must)])
      .then(function (r) {
        var component = r[0], setup = r[1], roles = r[2];
        component.settings = r[3];
        var page = el('div', {},
          el('p', {}, el('a', { href: '#/', text: '← All connectors' })),
          el('h1', { class: 'pf-v5-c-title pf-m-2xl', text: 'Connector ' + component.name }),
          access.manage ? null : alert('info', 'You can see this set-up but not change it (view-realm).'),
          setupSection(setup), settingsSection(component, roles));
        if (access.manage) {
          page.appendChild(secretSection(component));
          page.appendChild(identityProviderSection(component, setup));
        } else {
          page.appendChild(identityProviderView(setup));
        }
        page.appendChild(logSection(component));
        show(page);
      }).catch(function (e) { notice('danger', e.message); });
  }

  function setupSection(setup) {
    var s = section('Setup values for Okta and Entra ID', 'setup-values');
    s.appendChild(el('p', { text: 'Computed for this server (' + setup.serverUrl + '). Paste them into the customer\'s IdP.' }));
    [['SCIM provisioning', setup.scim, 'scim'], ['SAML single sign-on (provider ' + setup.saml.alias + ')', setup.saml, 'saml'],
      ['OpenID Connect single sign-on (provider ' + setup.oidc.alias + ')', setup.oidc, 'oidc']].forEach(function (block) {
      s.appendChild(el('h3', { text: block[0] }));
      s.appendChild(el('div', { class: 'ec-columns', 'data-block': block[2] },
        vendorColumn('Okta', block[1].okta, block[2] + '-okta'), vendorColumn('Entra ID', block[1].entra, block[2] + '-entra')));
    });
    return s;
  }

  function vendorColumn(title, rows, id) {
    return el('div', { id: id }, el('h4', { class: 'pf-v5-c-title pf-m-md', text: title }),
      table(['Field', 'Value'], rows.map(function (row) {
        return el('tr', {}, el('td', { text: row.label }),
          el('td', {}, el('span', { class: 'ec-value', text: row.value }), row.note ? null : copyButton(row.value, row.label)));
      })));
  }

  var SETTINGS = [
    ['Roles', [['roleAttribute', 'Role attribute', 'The SCIM/SAML attribute carrying the role, e.g. role (Okta) or roles (Entra)'],
      ['roles', 'Role table', null, 'roletable'],
      ['defaultRole', 'Default role', 'Value given when the attribute is missing; default: the lowest row'],
      ['unknownRole', 'Unknown role', null, ['', 'REJECT', 'DEFAULT']],
      ['caseSensitive', 'Values are case-sensitive', null, ['', 'true', 'false']],
      ['groupRoles', 'Roles by group', 'GROUP=ROLE_VALUE; … by displayName or externalId'],
      ['precedence', 'Precedence', null, ['', 'HIGHEST', 'ATTRIBUTE', 'GROUPS']]]],
    ['Team mapping', [['teamAttribute', 'Team attribute', 'e.g. division'], ['teamParent', 'Team parent group', 'default Teams'],
      ['defaultTeam', 'Default team'], ['unknownTeam', 'Unknown team', null, ['', 'REJECT', 'CREATE']]]],
    ['Invitations', [['invitationsEnabled', 'Invitations', null, ['true', 'false']], ['invitationLifespan', 'Lifespan', 'P14D, PT12H or seconds'],
      ['invitationMaxResends', 'Resends', '0-10'], ['invitationDisableAfter', 'Disable unaccepted users after', 'empty: never'],
      ['invitationIdentityProvider', 'Identity provider for invited users'], ['invitationClientId', 'Client'], ['invitationRedirectUri', 'Redirect URI']]],
    ['Deprovisioning', [['deprovisionOnDelete', 'On SCIM DELETE', null, ['disable', 'delete', 'disable-then-delete']],
      ['deprovisionOnDeactivate', 'On deactivation', null, ['disable', 'delete', 'disable-then-delete']],
      ['deprovisionRetention', 'Retention before purge', 'P30D, PT12H or seconds']]],
    ['Vendor rules', [['requiredAttributes', 'Required attributes', 'e.g. userName,name.givenName,emails'],
      ['userNameMatchesEmail', 'userName must equal the primary email', null, ['false', 'true']],
      ['passwordPolicy', 'Passwords sent by the IdP', null, ['ignore', 'refuse', 'set']],
      ['allowPrivilegedUsers', 'May change privileged users', null, ['false', 'true']],
      ['extensionSchemas', 'Custom schema extensions', 'comma-separated URNs'], ['groupsParent', 'Parent group of pushed groups']]],
    ['Limits', [['maxPageSize', 'Maximum page size'], ['bulkMaxOperations', 'Bulk: maximum operations'],
      ['bulkMaxPayloadSize', 'Bulk: maximum payload (bytes)'], ['maxRequestSize', 'Maximum request size (bytes)'],
      ['authFailureLimit', 'Failed credential checks before 429'], ['authFailureWindow', 'Failed check window', 'PT1M or seconds'],
      ['requestRateLimit', 'Requests per second'], ['requestRateBurst', 'Request burst']]]
  ];

  function settingsSection(component, roles) {
    var s = section('Settings', 'settings');
    var readOnly = !access.manage;
    var form = el('form', { class: 'pf-v5-c-form ec-form', id: 'settings-form' });
    var readers = {};
    SETTINGS.forEach(function (group) {
      form.appendChild(el('h3', { text: group[0] }));
      group[1].forEach(function (def) {
        var key = def[0], value = component.settings[key];
        if (def[3] === 'roletable') {
          var t = roleTable(value, roles, readOnly);
          readers[key] = t.read;
          form.appendChild(field(def[1], t.node, 'Highest role first. Each value the IdP sends gives the realm role picked.'));
          return;
        }
        var choices = Array.isArray(def[3]) && def[3].indexOf('') < 0 ? [''].concat(def[3]) : def[3];
        var input = Array.isArray(def[3]) ? select(key, choices.map(function (o) { return [o, o || '(default)']; }), value)
          : textInput(key, value, { placeholder: '(default)' });
        if (readOnly) input.disabled = true;
        readers[key] = function () { return input.value.trim(); };
        form.appendChild(field(def[1], input, def[2]));
      });
    });
    var result = el('div', { id: 'settings-result' });
    if (!readOnly) {
      form.appendChild(el('div', { class: 'pf-v5-c-form__actions' },
        el('button', { class: 'pf-v5-c-button pf-m-primary', type: 'submit', id: 'save-settings' }, 'Save settings')));
    }
    form.appendChild(result);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      if (readOnly) return;
      // Only changed fields are sent: what another administrator changed meanwhile stays.
      var changes = {};
      Object.keys(readers).forEach(function (key) {
        var v = readers[key]();
        var was = component.settings[key] === undefined ? '' : String(component.settings[key]);
        if (v !== was) changes[key] = v === '' ? null : v;
      });
      api('PUT', '/enterprise-connect/connectors/' + component.id + '/settings', changes).then(function (a) {
        if (a.ok) component.settings = a.json;
        result.innerHTML = '';
        result.appendChild(a.ok ? alert('success', 'Saved.') : alert('danger', message(a)));
      }).catch(function (e) { result.innerHTML = ''; result.appendChild(alert('danger', e.message)); });
    });
    s.appendChild(form);
    return s;
  }

  /** The role table as rows of value → realm role; serialised as the API's "VALUE=realm:role; …". */
  function roleTable(text, roles, readOnly) {
    var options = [['', '(pick a role)']].concat(roles.map(function (r) { return ['realm:' + r.name, r.name]; }));
    var body = el('tbody', {});
    function addRow(value, reference) {
      var known = options.some(function (o) { return o[0] === reference; });
      var opts = known || !reference ? options : options.concat([[reference, reference]]);
      var v = textInput('role-value', value, { 'data-setting': null, class: 'pf-v5-c-form-control ec-role-value', 'aria-label': 'Value the IdP sends' });
      var r = select('role-ref', opts, reference || '', { 'data-setting': null, class: 'pf-v5-c-form-control ec-role-ref', 'aria-label': 'Realm role' });
      if (readOnly) { v.disabled = true; r.disabled = true; }
      var row = el('tr', { class: 'ec-role-row' }, el('td', {}, v), el('td', {}, r),
        el('td', {}, readOnly ? null : button('Remove', function () { body.removeChild(row); }, 'link', { class: 'pf-v5-c-button pf-m-link ec-role-remove' })));
      body.appendChild(row);
    }
    (text || '').split(';').map(function (e) { return e.trim(); }).filter(Boolean).forEach(function (entry) {
      var eq = entry.indexOf('=');
      addRow(eq < 0 ? entry : entry.substring(0, eq).trim(), eq < 0 ? '' : entry.substring(eq + 1).trim());
    });
    var node = el('div', { id: 'role-table' }, el('table', { class: 'ec-role-table' },
      el('thead', {}, el('tr', {}, el('th', { text: 'Value the IdP sends' }), el('th', { text: 'Realm role' }), el('th', {}))), body),
      readOnly ? null : button('Add role', function () { addRow('', ''); }, 'secondary', { id: 'add-role' }));
    return { node: node, read: function () {
      return Array.prototype.map.call(body.querySelectorAll('tr'), function (row) {
        var value = row.querySelector('.ec-role-value').value.trim();
        var ref = row.querySelector('.ec-role-ref').value;
        return value || ref ? value + '=' + ref : '';
      }).filter(Boolean).join('; ');
    } };
  }

  function secretSection(component) {
    var s = section('Secret', 'secret-section');
    var overlap = select('overlap', [['0', 'Old secret stops now'], ['3600', 'Old secret works 1 more hour'],
      ['86400', 'Old secret works 24 more hours'], ['604800', 'Old secret works 7 more days']], '86400', { id: 'rotate-overlap' });
    var result = el('div', { id: 'rotate-result' });
    s.appendChild(el('p', { text: 'Secret created ' + fmtTime(setting(component, 'secretCreatedAt')) +
      '. Rotating issues a new one; with an overlap the old one keeps working while the IdP is updated.' }));
    s.appendChild(field('Overlap', overlap));
    s.appendChild(el('p', {}, button('Rotate secret', function () {
      api('POST', '/scim-connectors/' + component.id + '/rotate-secret?overlapSeconds=' + overlap.value).then(function (a) {
        result.innerHTML = '';
        result.appendChild(a.ok ? secretPanel(a.json, 'New secret issued') : alert('danger', message(a)));
      });
    }, 'secondary', { id: 'rotate' }), ' ', button('Delete connector', function () {
      if (!window.confirm('Delete connector ' + component.name + '? Its credential stops working at once.')) return;
      api('DELETE', '/scim-connectors/' + component.id).then(function (a) {
        if (a.ok) { location.hash = '#/'; notice('success', 'Connector ' + component.name + ' deleted.'); }
        else result.appendChild(alert('danger', message(a)));
      });
    }, 'danger', { id: 'delete' })));
    s.appendChild(result);
    return s;
  }

  function certificateList(provider) {
    return el('ul', { class: 'ec-certificates' }, (provider.signingCertificates || []).map(function (c) {
      return el('li', { 'data-certificate': c.subject, text: 'Signing certificate: ' + c.subject + ', valid until ' + fmtTime(c.notAfter) });
    }));
  }

  function providerSummary(provider) {
    return el('div', { id: 'idp-summary' }, el('p', { text: 'Identity provider ' + provider.alias + ' signs in at ' +
      provider.singleSignOnServiceUrl + (provider.metadataDescriptorUrl ? '; keys follow ' + provider.metadataDescriptorUrl : '') + '.' }),
      certificateList(provider));
  }

  function identityProviderView(setup) {
    var s = section('Single sign-on', 'identity-provider');
    api('GET', '/enterprise-connect/identity-providers/' + encodeURIComponent(setup.saml.alias)).then(function (a) {
      s.appendChild(a.ok ? providerSummary(a.json) : el('p', { text: 'No SAML identity provider ' + setup.saml.alias + ' yet.' }));
    });
    return s;
  }

  function identityProviderSection(component, setup) {
    var s = section('Single sign-on: identity provider from metadata', 'identity-provider');
    if (setup.saml.exists) {
      api('GET', '/enterprise-connect/identity-providers/' + encodeURIComponent(setup.saml.alias)).then(function (a) {
        if (a.ok) s.insertBefore(providerSummary(a.json), s.children[1]);
      });
    }
    var alias = textInput('alias', setup.saml.alias, { id: 'idp-alias' });
    var display = textInput('displayName', '', { id: 'idp-display-name', placeholder: 'e.g. Globex Okta' });
    var url = textInput('metadataUrl', '', { id: 'idp-metadata-url', placeholder: 'https://…/metadata' });
    var xml = el('textarea', { class: 'pf-v5-c-form-control', id: 'idp-metadata-xml', rows: '4', placeholder: '<EntityDescriptor …>' });
    var domains = textInput('domains', '', { id: 'idp-domains', placeholder: 'globex.com, globex.example' });
    var result = el('div', { id: 'idp-result' });
    var hasOrg = !!setting(component, 'organizationId');
    var form = el('form', { class: 'pf-v5-c-form ec-form', id: 'idp-form' },
      el('p', { text: 'Paste the customer\'s SAML metadata URL (Okta: Sign On tab; Entra: App Federation Metadata Url) or the XML. ' +
        'The provider validates signatures, follows key rotation through the URL, imports email and names, applies this connector\'s role and team mapping, ' +
        'links a first login to the user with the same trusted email' + (hasOrg ? ', and routes the Organization\'s email domains to it.' : '.') }),
      field('Alias', alias, 'Part of the ACS URL; the setup values above assume ' + setup.saml.alias),
      field('Display name', display), field('Metadata URL', url), field('or metadata XML', xml),
      hasOrg ? field('Email domains of the Organization', domains, 'comma-separated; added to the Organization') : null,
      el('div', { class: 'pf-v5-c-form__actions' }, el('button', { class: 'pf-v5-c-button pf-m-primary', type: 'submit', id: 'create-idp' }, 'Create identity provider')),
      result);
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var body = { alias: alias.value.trim(), displayName: display.value.trim() || null };
      if (url.value.trim()) body.metadataUrl = url.value.trim();
      if (xml.value.trim()) body.metadataXml = xml.value;
      if (hasOrg && domains.value.trim()) body.domains = domains.value.split(',').map(function (d) { return d.trim(); }).filter(Boolean);
      result.innerHTML = '';
      result.appendChild(el('p', { text: 'Reading the metadata…' }));
      api('POST', '/enterprise-connect/connectors/' + component.id + '/identity-providers', body).then(function (a) {
        result.innerHTML = '';
        if (!a.ok) { result.appendChild(alert('danger', message(a))); return; }
        var p = a.json;
        result.appendChild(alert('success', 'Identity provider ' + p.alias + ' created.'));
        result.appendChild(certificateList(p));
        result.appendChild(el('p', { text: 'Mappers: ' + p.mappers.join(', ') + '. First login: ' + p.firstBrokerLoginFlow +
          (p.organization ? '. Organization ' + p.organization.name + ' routes ' + (p.organization.domains || []).join(', ') + ' to it.' : '.') }));
      });
    });
    s.appendChild(form);
    return s;
  }

  function logSection(component) {
    var s = section('Provisioning log', 'log');
    var since = textInput('since', '', { id: 'log-since', placeholder: 'since (ISO time)' });
    var until = textInput('until', '', { id: 'log-until', placeholder: 'until (ISO time)' });
    var status = select('status', [['', 'any status'], ['2xx', '2xx'], ['4xx', '4xx'], ['5xx', '5xx']], '', { id: 'log-status' });
    var user = textInput('user', '', { id: 'log-user', placeholder: 'user' });
    var out = el('div', { id: 'log-rows' });
    function load() {
      var q = '?first=0&max=100';
      [['since', since.value], ['until', until.value], ['status', status.value], ['user', user.value]].forEach(function (p) {
        if (p[1] && p[1].trim()) q += '&' + p[0] + '=' + encodeURIComponent(p[1].trim());
      });
      api('GET', '/scim-connectors/' + component.id + '/log' + q).then(function (a) {
        out.innerHTML = '';
        if (a.status === 404 && !(a.json && a.json.detail)) { out.appendChild(el('p', { text: 'The provisioning log is not available on this server yet.' })); return; }
        if (!a.ok) { out.appendChild(alert('danger', message(a))); return; }
        if (!a.json.length) { out.appendChild(el('p', { text: 'No requests recorded for these filters.' })); return; }
        out.appendChild(table(['Time', 'Kind', 'Request', 'Status', 'scimType', 'ms', 'User / resource', 'Request id', 'Reason / body'],
          a.json.map(function (r) {
            return el('tr', { 'data-log-kind': r.kind, 'data-status': r.status },
              el('td', { text: fmtTime(r.time) }), el('td', { text: r.kind || '' }),
              el('td', { text: (r.method || '') + ' ' + (r.path || '') }), el('td', { text: r.status === undefined ? '' : String(r.status) }),
              el('td', { text: r.scimType || '' }), el('td', { text: r.durationMs === undefined ? '' : String(r.durationMs) }),
              el('td', { text: (r.userName || '') + (r.resourceType ? ' ' + r.resourceType + '/' + (r.resourceId || '') : '') }),
              el('td', { text: r.requestId || '' }), el('td', { class: 'ec-value', text: r.reason || r.body || '' }));
          }), { id: 'log-table' }));
      });
    }
    s.appendChild(el('div', { class: 'ec-log-filters' }, since, until, status, user, button('Filter', load, 'secondary', { id: 'log-filter' })));
    s.appendChild(out);
    load();
    return s;
  }

  // ---------- start ----------
  function start() {
    document.getElementById('sign-out').addEventListener('click', signOut);
    var params = new URLSearchParams(location.search);
    var ready;
    if (params.get('code') && params.get('state')) ready = finishSignIn(params);
    else if (params.get('error')) { history.replaceState(null, '', CONSOLE_URL); signInPage('Keycloak refused the sign-in: ' + params.get('error')); return; }
    else if (tokens()) ready = Promise.resolve(tokens());
    else { signInPage(); return; }
    ready.then(function () { return api('GET', '/enterprise-connect/access'); }).then(function (a) {
      document.getElementById('sign-out').classList.remove('ec-hidden');
      if (a.status === 401) { sessionStorage.removeItem(TOKENS); signInPage('Your session ended; sign in again.'); return; }
      access = a.ok ? a.json : { user: (tokens() || {}).realm + ' user', view: false, manage: false };
      document.getElementById('signed-in').textContent = access.user + ' (' + (access.manage ? 'can change' : access.view ? 'can see' : 'no access') + ')';
      if (!access.view && !access.manage) { refusal(); return; }
      window.addEventListener('hashchange', route);
      route();
    }).catch(function (e) { sessionStorage.removeItem(TOKENS); signInPage(e.message); });
  }
  start();
}());
