// The setup page: plain DOM over the link's JSON API. The token is the page's own path, so every
// call goes to the same link; nothing here can name another Organization.
(function () {
  'use strict';

  var page = location.pathname.replace(/\/+$/, '');
  var api = page + '/api';
  var app = document.getElementById('app');
  var notice = document.getElementById('notice');
  var state = { vendor: null, overview: null };

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { node.textContent = attrs[k]; } else if (k === 'onclick') { node.addEventListener('click', attrs[k]); } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return node;
  }

  function call(method, path, body) {
    var options = { method: method, headers: { 'Accept': 'application/json' }, credentials: 'omit', referrerPolicy: 'no-referrer' };
    if (body !== undefined) { options.headers['Content-Type'] = 'application/json'; options.body = JSON.stringify(body); }
    return fetch(api + path, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (response.status === 410 || response.status === 404) { location.reload(); }
        if (!response.ok) { throw new Error(json.error || ('HTTP ' + response.status)); }
        return json;
      });
    });
  }

  function show(resultId, text, error) {
    var node = document.getElementById(resultId);
    node.textContent = text;
    node.className = 'ec-result' + (error ? ' ec-error' : '');
  }

  function copyButton(label, value) {
    var button = el('button', { type: 'button', 'class': 'pf-v5-c-button pf-m-link pf-m-inline ec-copy', 'data-copy': value, 'aria-label': 'Copy ' + label, text: 'Copy' });
    button.addEventListener('click', function () {
      if (navigator.clipboard) { navigator.clipboard.writeText(value).catch(function () {}); }
      button.textContent = 'Copied';
    });
    return button;
  }

  function rows(id, list) {
    var body = el('tbody');
    (list || []).forEach(function (row) {
      body.appendChild(el('tr', {}, [el('td', { text: row.label }),
        el('td', {}, [el('span', { 'class': row.note ? '' : 'ec-value', text: row.value }), row.note ? null : copyButton(row.label, row.value)])]));
    });
    return el('div', { 'class': 'ec-table-wrap' }, [el('table', { 'class': 'ec-table', id: id }, [body])]);
  }

  function step(id, title, children) {
    return el('section', { 'class': 'ec-step', id: id }, [el('h2', { text: title })].concat(children));
  }

  function button(id, text, onclick, primary) {
    return el('button', { id: id, type: 'button', 'class': 'pf-v5-c-button ' + (primary ? 'pf-m-primary' : 'pf-m-secondary'), text: text, onclick: onclick });
  }

  function render() {
    var o = state.overview;
    app.textContent = '';
    app.appendChild(el('section', { 'class': 'ec-step', id: 'intro' }, [
      el('h1', { 'class': 'ec-title', text: 'Set up single sign-on and provisioning for ' + o.organization }),
      el('p', { text: 'This link works until ' + new Date(o.expiresAt).toLocaleString() + '. Questions: ' + (o.contact || 'the person who sent you this link') + '.' }),
      el('p', { text: 'Which identity provider do you use?' }),
      el('div', { 'class': 'ec-choice' }, [
        button('vendor-okta', 'Okta', function () { choose('okta'); }, state.vendor === 'okta'),
        button('vendor-entra', 'Microsoft Entra ID', function () { choose('entra'); }, state.vendor === 'entra')])]));
    if (!state.vendor) { return; }
    var okta = state.vendor === 'okta';
    var v = o.values;
    app.appendChild(step('step-app', '1. Create the SAML app', [
      el('p', { text: okta ? 'In the Okta Admin Console: Applications → Create App Integration → SAML 2.0. Name it, then on "Configure SAML" enter:'
        : 'In the Entra admin center: Enterprise applications → New application → Create your own application (non-gallery). Then Single sign-on → SAML, and enter:' }),
      rows('saml-values', okta ? v.saml.okta : v.saml.entra),
      el('p', { text: okta ? 'Add a Group Attribute Statement "groups" (filter: Matches regex .*) so team membership arrives. Assign the app to the people or groups who should sign in.'
        : 'Under "Attributes & Claims" add a group claim named "groups". Assign the application to the users and groups who should sign in.' })]));
    var idp = o.identityProvider;
    app.appendChild(step('step-metadata', '2. Give us your metadata', [
      el('p', { text: okta ? 'Copy the app\'s Metadata URL (Sign On tab) and paste it here, or paste the metadata XML.'
        : 'Copy the "App Federation Metadata Url" (SAML Certificates section) and paste it here, or paste the Federation Metadata XML.' }),
      el('label', { 'for': 'metadata-url', text: 'Metadata URL' }), el('input', { id: 'metadata-url', type: 'url', placeholder: 'https://…', autocomplete: 'off' }),
      el('label', { 'for': 'metadata-xml', text: 'or metadata XML' }), el('textarea', { id: 'metadata-xml', spellcheck: 'false' }),
      el('div', { 'class': 'ec-actions' }, [button('save-metadata', 'Save metadata', saveMetadata, true)]),
      el('div', { id: 'metadata-result', 'class': 'ec-result', role: 'status' }, idp.exists ? [describeIdp(idp)] : [])]));
    app.appendChild(step('step-domains', '3. Your email domains', [
      el('p', { text: 'List the email domains of the people who sign in (e.g. example.com). Each must be proven before it routes anyone: publish the TXT record shown, then press "Check DNS".' }),
      el('label', { 'for': 'domains', text: 'Domains (comma or space separated)' }), el('input', { id: 'domains', type: 'text', autocomplete: 'off' }),
      el('div', { 'class': 'ec-actions' }, [button('save-domains', 'Add domains', saveDomains, true), ' ', button('check-domains', 'Check DNS', checkDomains)]),
      el('div', { id: 'domains-result', 'class': 'ec-result', role: 'status' }),
      domainTable(o.domains)]));
    app.appendChild(step('step-provisioning', '4. Turn on provisioning (SCIM)', [
      el('p', { text: okta ? 'On the app\'s General tab choose Provisioning: SCIM. Then on the Provisioning tab → Integration enter:'
        : 'In the application: Provisioning → Get started → Provisioning Mode: Automatic. Under Admin Credentials enter:' }),
      rows('scim-values', okta ? v.scim.okta : v.scim.entra),
      el('p', { text: 'Generate the secret here and paste it into ' + (okta ? 'Okta' : 'Entra ID') + '. It is shown once; generating a new one stops the old one.' }),
      el('div', { 'class': 'ec-actions' }, [button('generate-secret', 'Generate secret', generateSecret, true)]),
      el('div', { id: 'secret' }),
      el('h3', { text: okta ? 'Then, under "To App", tick:' : 'Then set:' }),
      el('ul', { id: 'provisioning-actions' }, (okta ? o.oktaProvisioningActions : o.entraProvisioningActions).map(function (a) { return el('li', { text: a }); }))]));
    app.appendChild(step('step-status', '5. Connection status', [
      el('p', {}, [el('a', { id: 'test-sign-in', 'class': 'pf-v5-c-button pf-m-primary', href: page + '/test-sign-in', target: '_blank', rel: 'noopener noreferrer', text: 'Test sign-in' }),
        ' opens a sign-in through your identity provider in a new tab.']),
      el('h3', { text: 'First sign-in' }), el('p', { id: 'login-status', text: 'No sign-in through your identity provider yet.' }),
      el('h3', { text: 'SCIM requests received (last 20)' }), el('div', { id: 'scim-status' }, [el('p', { text: 'None yet.' })])]));
    refreshStatus();
  }

  function describeIdp(idp) {
    var lines = ['Identity provider saved.'];
    (idp.signingCertificates || []).forEach(function (c) {
      lines.push('Signing certificate: ' + c.subject + ', valid until ' + c.notAfter + (c.expired ? ' (EXPIRED)' : ''));
    });
    return document.createTextNode(lines.join('\n'));
  }

  function domainTable(domains) {
    var body = el('tbody');
    (domains || []).forEach(function (d) {
      body.appendChild(el('tr', { 'data-domain': d.name }, [el('td', { text: d.name }),
        el('td', {}, [el('span', { 'class': 'ec-badge ' + (d.verified ? 'ec-ok' : 'ec-pending'), text: d.verified ? 'verified' : 'unverified' })]),
        el('td', {}, d.verified ? [el('span', { text: 'Routes to your identity provider.' })] : [
          el('div', {}, ['TXT ', el('span', { 'class': 'ec-value', text: d.recordName }), copyButton('record name', d.recordName)]),
          el('div', {}, [el('span', { 'class': 'ec-value', text: d.recordValue }), copyButton('record value', d.recordValue)])])]));
    });
    return el('div', { 'class': 'ec-table-wrap', id: 'domain-list' }, [el('table', { 'class': 'ec-table' }, [
      el('thead', {}, [el('tr', {}, [el('th', { text: 'Domain' }), el('th', { text: 'Status' }), el('th', { text: 'DNS record' })])]), body])]);
  }

  function replaceDomains(domains) {
    var old = document.getElementById('domain-list');
    old.parentNode.replaceChild(domainTable(domains), old);
    state.overview.domains = domains;
  }

  function choose(vendor) { state.vendor = vendor; render(); }

  function saveMetadata() {
    var url = document.getElementById('metadata-url').value.trim();
    var xml = document.getElementById('metadata-xml').value.trim();
    var body = { vendor: state.vendor };
    if (url) { body.metadataUrl = url; }
    if (xml) { body.metadataXml = xml; }
    show('metadata-result', 'Checking the metadata…');
    call('POST', '/identity-provider', body).then(function (idp) {
      var node = document.getElementById('metadata-result');
      node.textContent = ''; node.className = 'ec-result'; node.appendChild(describeIdp(idp));
    }).catch(function (e) { show('metadata-result', e.message, true); });
  }

  function saveDomains() {
    var typed = document.getElementById('domains').value.split(/[\s,]+/).filter(function (d) { return d; });
    call('POST', '/domains', { domains: typed }).then(function (answer) {
      replaceDomains(answer.domains);
      show('domains-result', 'Saved. Publish each TXT record shown, then press "Check DNS".');
    }).catch(function (e) { show('domains-result', e.message, true); });
  }

  function checkDomains() {
    show('domains-result', 'Looking up the TXT records…');
    call('POST', '/domains/verify').then(function (answer) {
      replaceDomains(answer.domains);
      var waiting = answer.domains.filter(function (d) { return !d.verified; }).map(function (d) { return d.name; });
      show('domains-result', waiting.length ? 'Not found yet: ' + waiting.join(', ') + '. DNS changes can take a few minutes.' : 'All domains verified.');
    }).catch(function (e) { show('domains-result', e.message, true); });
  }

  function generateSecret() {
    call('POST', '/secret').then(function (answer) {
      var box = document.getElementById('secret');
      var value = answer.token || answer.password || answer.clientSecret;
      box.textContent = '';
      box.appendChild(el('p', { text: 'Your secret (shown only now):' }));
      box.appendChild(el('div', {}, [el('span', { 'class': 'ec-secret', 'data-secret': 'token', text: value }), copyButton('secret', value)]));
    }).catch(function (e) { notice.textContent = e.message; });
  }

  function refreshStatus() {
    call('GET', '/status').then(function (status) {
      var login = document.getElementById('login-status');
      if (!login) { return; }
      var l = status.login;
      login.textContent = l.result === 'none' ? 'No sign-in through your identity provider yet.'
        : l.result === 'succeeded' ? 'Sign-in succeeded' + (l.user ? ' for ' + l.user : '') + ' at ' + new Date(l.time).toLocaleString() + '.'
          : 'Sign-in failed at ' + new Date(l.time).toLocaleString() + ': ' + l.reason;
      login.setAttribute('data-result', l.result);
      var box = document.getElementById('scim-status');
      box.textContent = '';
      if (!status.scim.length) { box.appendChild(el('p', { text: 'None yet.' })); return; }
      var body = el('tbody');
      status.scim.forEach(function (r) {
        body.appendChild(el('tr', {}, [el('td', { text: new Date(r.time).toLocaleTimeString() }), el('td', { text: r.method + ' ' + r.path }),
          el('td', {}, [el('span', { 'class': 'ec-badge ' + (r.status < 400 ? 'ec-ok' : 'ec-failed'), text: String(r.status) })]),
          el('td', { text: r.reason || r.userName || '' })]));
      });
      box.appendChild(el('div', { 'class': 'ec-table-wrap' }, [el('table', { 'class': 'ec-table', id: 'scim-requests' }, [
        el('thead', {}, [el('tr', {}, [el('th', { text: 'Time' }), el('th', { text: 'Request' }), el('th', { text: 'Status' }), el('th', { text: 'Detail' })])]), body])]));
    }).catch(function () {});
  }

  call('GET', '').then(function (overview) {
    state.overview = overview;
    render();
    setInterval(refreshStatus, 3000);
  }).catch(function (e) { app.textContent = ''; notice.textContent = e.message; });
}());
