// The partners' dashboard: the coalition's views from the ledger's API, live through the updates stream, or as
// the ledger recorded them at a chosen instant. Every chart has a table with the same figures.
import {Locale, preferredLanguage} from './i18n.js';
import * as api from './api.js';
import * as charts from './charts.js';

const LANGUAGE = 'coalition-ledger.language';
const $ = (selector) => document.querySelector(selector);

const state = {
    locale: new Locale(sessionStorage.getItem(LANGUAGE) || preferredLanguage(navigator.languages)),
    key: null,
    coalitions: [],
    coalitionId: null,
    basis: 'coalition-year',
    group: 'region',
    recordedAt: null, // an ISO instant, or null
    checkpoint: null, // the signed checkpoint the views are shown as of, or null; live when both are null
    membersDate: new Date().toISOString().slice(0, 10),
    stopStream: null,
    generation: 0, // bumped on every change of what is shown, so late answers for an old choice are dropped
    data: {},
    audit: {checkpoint: undefined, verification: undefined},
    status: {key: null, values: {}},
};

// --- text ---------------------------------------------------------------------------------------------------

function t(key, values) {
    return state.locale.t(key, values);
}

function applyLanguage() {
    document.documentElement.lang = state.locale.language;
    document.title = t('title');
    for (const element of document.querySelectorAll('[data-i18n]')) element.textContent = t(element.dataset.i18n);
    for (const element of document.querySelectorAll('[data-i18n-html]')) element.innerHTML = t(element.dataset.i18nHtml);
    for (const element of document.querySelectorAll('[data-i18n-aria]')) {
        element.setAttribute('aria-label', t(element.dataset.i18nAria));
    }
    for (const button of document.querySelectorAll('button.lang')) {
        button.setAttribute('aria-pressed', String(button.dataset.lang === state.locale.language));
    }
    showStatus(state.status.key, state.status.values);
    render();
    renderAudit();
}

function showStatus(key, values = {}, updated = false) {
    state.status = {key, values};
    const status = $('#live-status');
    status.textContent = key ? t(key, values) : '';
    status.classList.toggle('updated', updated || status.classList.contains('updated') && key === 'updated');
}

function message(key) {
    $('#sign-in-message').textContent = key ? t(key) : '';
}

// --- signing in ---------------------------------------------------------------------------------------------

async function signIn(key) {
    message(null);
    const coalitions = [];
    try {
        // The list comes a page at a time; next names the following page until it is null.
        let page = await api.json('/api/v1/coalitions', key);
        coalitions.push(...page.coalitions);
        while (page.next) {
            page = await api.json(`/api/v1/coalitions?after=${encodeURIComponent(page.next)}`, key);
            coalitions.push(...page.coalitions);
        }
    } catch (error) {
        message(error instanceof api.Unauthorized ? 'keyRejected'
            : error instanceof api.Forbidden ? 'keyForbidden' : 'unreachable');
        return;
    }
    api.storeKey(key);
    state.key = key;
    state.coalitions = coalitions;
    const select = $('#coalition');
    select.replaceChildren(...coalitions.map((c) => new Option(`${c.name} (${c.coalitionId})`, c.coalitionId)));
    state.coalitionId = coalitions[0]?.coalitionId ?? null;
    $('#sign-in').hidden = true;
    $('#dashboard').hidden = false;
    $('#sign-out').hidden = false;
    $('#key').value = '';
    loadVerification();
    show();
}

function signOut(reason) {
    state.stopStream?.();
    state.stopStream = null;
    state.generation++;
    api.forgetKey();
    state.key = null;
    state.data = {};
    state.audit.verification = undefined;
    $('#dashboard').hidden = true;
    $('#sign-out').hidden = true;
    $('#sign-in').hidden = false;
    message(reason);
    renderAudit();
    $('#key').focus();
}

/** A 401 signs out with the reason; any other failure is shown in the status line. */
function guarded(promise) {
    return promise.catch((error) => {
        if (error instanceof api.Unauthorized) signOut('keyExpired');
        else showStatus('unreachable');
    });
}

// --- loading ------------------------------------------------------------------------------------------------

/** The query parameter of a view from the past: as recorded at an instant, or as of a signed checkpoint. */
function historic() {
    if (state.recordedAt) return `recordedAt=${state.recordedAt}`;
    if (state.checkpoint) return `asOfCheckpoint=${state.checkpoint.treeSize}`;
    return '';
}

function historicStatus() {
    if (state.recordedAt) showStatus('asRecorded', {time: state.locale.instant(state.recordedAt)});
    else showStatus('asOfCheckpoint', {size: state.locale.number(state.checkpoint.treeSize),
        signed: state.locale.instant(state.checkpoint.signedAt)});
}

/** Shows the current choice: the live stream, or one load of every view as it was at the chosen point. */
function show() {
    state.stopStream?.();
    state.stopStream = null;
    const generation = ++state.generation;
    state.data = {};
    render();
    if (!state.coalitionId) return;
    const base = `/api/v1/coalitions/${encodeURIComponent(state.coalitionId)}`;
    if (historic()) {
        historicStatus();
        guarded(api.json(`${base}/year-over-year?basis=${state.basis}&${historic()}`, state.key)
            .then((view) => generation === state.generation && loadViews(generation, view, false)));
        return;
    }
    showStatus('connecting');
    let shown = null; // the year-over-year view on the page, as sent
    state.stopStream = api.stream(`${base}/updates?basis=${state.basis}`, state.key, {
        onEvent: (name, data) => {
            if (name !== 'year-over-year' || generation !== state.generation) return;
            if (data === shown) {
                // A reconnected stream starts with the current view: nothing changed while it was lost.
                showStatus('live');
                return;
            }
            const isUpdate = shown !== null;
            shown = data;
            guarded(loadViews(generation, JSON.parse(data), isUpdate));
        },
        onLost: () => showStatus('reconnecting'),
        onUnauthorized: () => signOut('keyExpired'),
    });
}

/**
 * Runs at most {@code size} of the given requests at once. The server admits only a few views as recorded at an
 * instant or as of a checkpoint per key at a time (429 beyond that), and a coalition of many years asks one per year.
 */
function limiter(size) {
    let active = 0;
    const waiting = [];
    const next = () => {
        if (active >= size || waiting.length === 0) return;
        active++;
        const {task, resolve, reject} = waiting.shift();
        task().then(resolve, reject).finally(() => {
            active--;
            next();
        });
    };
    return (task) => new Promise((resolve, reject) => {
        waiting.push({task, resolve, reject});
        next();
    });
}

const historicRequests = limiter(2);

/** Every other view, consistent with the year-over-year view just received. */
async function loadViews(generation, yearOverYear, isUpdate) {
    if (!yearOverYear) {
        // The ledger did not hold this coalition yet at the chosen instant.
        state.data = {};
        render();
        showStatus('notRecordedYet', {time: state.locale.instant(state.recordedAt)});
        return;
    }
    const base = `/api/v1/coalitions/${encodeURIComponent(state.coalitionId)}`;
    const at = historic();
    const q = (path, params = '') => {
        const query = [params, at].filter(Boolean).join('&');
        const read = () => api.json(query ? `${path}?${query}` : path, state.key);
        return at ? historicRequests(read) : read();
    };
    const [coalitionRead, members, goals, restatements, checkpoint, ...yearEnds] = await Promise.all([
        // Live, the coalition's answer also says whether its views are stale (an event of it is parked).
        at ? q(base).then((value) => ({value, staleSince: null})) : api.jsonWithStaleness(base, state.key),
        q(`${base}/members`, `asOf=${state.membersDate}`), q(`${base}/goals/progress`),
        q(`${base}/restatements`), api.json('/api/v1/audit/checkpoint', null).catch(() => null),
        ...yearOverYear.rows.map((row) => q(`${base}/members`, `asOf=${row.end}`)),
    ]);
    if (generation !== state.generation) return;
    const coalition = coalitionRead.value;
    state.data = {yearOverYear, coalition, members, goals, restatements, yearEnds, readAt: new Date()};
    state.audit.checkpoint = checkpoint;
    render();
    renderAudit();
    if (!historic()) {
        if (coalitionRead.staleSince) showStatus('stale', {time: state.locale.instant(coalitionRead.staleSince)});
        else if (isUpdate) showStatus('updated', {time: state.locale.time(state.data.readAt)}, true);
        else showStatus('live');
    }
}

async function reloadMembers() {
    if (!state.data.yearOverYear) return;
    const generation = state.generation;
    const at = historic() ? `&${historic()}` : '';
    const members = await guarded(api.json(`/api/v1/coalitions/${encodeURIComponent(state.coalitionId)}/members`
        + `?asOf=${state.membersDate}${at}`, state.key));
    if (generation !== state.generation || !members) return;
    state.data.members = members;
    renderMembers();
}

async function loadAudit() {
    state.audit.checkpoint = await api.json('/api/v1/audit/checkpoint', null).catch(() => null);
    renderAudit();
}

/** The server-side verification is auditor-only and expensive: asked once per sign-in. */
async function loadVerification() {
    try {
        state.audit.verification = {report: await api.json('/api/v1/audit/verification', state.key), at: new Date()};
    } catch (error) {
        state.audit.verification = null;
    }
    renderAudit();
}

// --- rendering ----------------------------------------------------------------------------------------------

function cell(tag, content, attributes = {}) {
    const element = document.createElement(tag);
    if (content instanceof Node) element.append(content);
    else element.textContent = content ?? '';
    for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
    return element;
}

function table(selector, caption, header, rows) {
    const element = $(selector);
    element.querySelector('caption').textContent = caption;
    const headRow = document.createElement('tr');
    header.forEach((text, i) => headRow.append(cell('th', text, {scope: 'col', class: i ? 'num' : ''})));
    element.querySelector('thead').replaceChildren(headRow);
    element.querySelector('tbody').replaceChildren(...rows.map((values) => {
        const row = document.createElement('tr');
        values.forEach((value, i) => row.append(i === 0 ? cell('th', value, {scope: 'row'}) : cell('td', value,
            {class: typeof value === 'string' && /^[\d\s,.A-Z]+$/.test(value) ? 'num' : ''})));
        return row;
    }));
}

function source() {
    const locale = state.locale;
    if (state.checkpoint) {
        return t('sourceCheckpointView', {size: locale.number(state.checkpoint.treeSize),
            signed: locale.instant(state.checkpoint.signedAt)});
    }
    const parts = [state.recordedAt
        ? t('sourceAsOf', {time: locale.instant(state.recordedAt)})
        : t('sourceLive', {time: state.data.readAt ? locale.instant(state.data.readAt.toISOString()) : ''})];
    const checkpoint = state.audit.checkpoint;
    parts.push(checkpoint ? t('sourceCheckpoint', {size: locale.number(checkpoint.treeSize),
        signed: locale.instant(checkpoint.signedAt)}) : t('sourceNoCheckpoint'));
    return parts.join(' ');
}

function renderSources() {
    for (const element of document.querySelectorAll('#dashboard .source')) {
        const link = cell('a', t('howToVerify'), {href: '#verify'});
        element.replaceChildren(document.createTextNode(source() + ' '), link);
    }
}

function money(figures) {
    const locale = state.locale;
    const amounts = Object.entries(figures.confiscatedByCurrency).map(([currency, amount]) =>
        locale.money(amount, currency));
    const usd = locale.money(figures.confiscatedUsd, 'USD');
    return amounts.length === 1 && Object.keys(figures.confiscatedByCurrency)[0] === 'USD' ? usd
        : amounts.length ? `${amounts.join(' + ')} = ${usd}` : usd;
}

function render() {
    const data = state.data;
    if (!data.yearOverYear) {
        $('#headline').replaceChildren();
        $('#goals').replaceChildren();
        for (const part of document.querySelectorAll('#dashboard thead, #dashboard tbody, #dashboard .source')) {
            part.replaceChildren();
        }
        for (const caption of document.querySelectorAll('#dashboard caption')) caption.textContent = '';
        charts.clear();
        return;
    }
    const locale = state.locale;
    const rows = data.yearOverYear.rows;
    const basisName = t(state.basis === 'calendar-year' ? 'calendarYear' : 'coalitionYear');
    const last = rows.at(-1)?.cumulative;

    // Headline: everything recorded so far.
    const cards = last ? [
        ['listings', locale.number(last.listingsRemoved)], ['ads', locale.number(last.adsBlocked)],
        ['accounts', locale.number(last.accountsRemoved)], ['arrests', locale.number(last.arrests)],
        ['confiscated', money(last)], ['members', locale.number(data.coalition?.memberCount)],
    ] : [];
    $('#headline').replaceChildren(...cards.flatMap(([key, value]) => {
        const wrapper = cell('div', null, {class: 'card', 'data-figure': key});
        wrapper.append(cell('dt', t(key)), cell('dd', value));
        return [wrapper];
    }));

    // Year over year.
    const yearName = (row) => locale.yearLabel(row) + (row.restated ? ` † ${t('restated')}` : '');
    table('#table-yoy', t('caption', {title: t('yoy'), basis: basisName}),
        [t('year'), t('listings'), t('ads'), t('accounts'), t('arrests'), t('confiscated'), t('membersAtYearEnd'),
            t('joined'), t('left')],
        rows.map((row) => [yearName(row), locale.number(row.figures.listingsRemoved),
            locale.number(row.figures.adsBlocked), locale.number(row.figures.accountsRemoved),
            locale.number(row.figures.arrests), money(row.figures), locale.number(row.membersAtYearEnd),
            locale.number(row.joined), locale.number(row.left)]));
    charts.bars('#chart-yoy', t('yoy'), t, rows.map((row) => locale.yearLabel(row) + (row.restated ? ' †' : '')),
        [['listings', rows.map((r) => r.figures.listingsRemoved)], ['ads', rows.map((r) => r.figures.adsBlocked)],
            ['accounts', rows.map((r) => r.figures.accountsRemoved)]], t('axisYear'), t('axisCount'), locale);

    // Cumulative takedowns, from zero at the founding.
    const founded = data.coalition?.foundedOn ?? rows[0]?.start;
    const points = [{date: founded, listings: 0, ads: 0, accounts: 0}, ...rows.map((row) => ({
        date: row.end, listings: row.cumulative.listingsRemoved, ads: row.cumulative.adsBlocked,
        accounts: row.cumulative.accountsRemoved,
    }))];
    table('#table-cumulative', t('caption', {title: t('cumulative'), basis: basisName}),
        [t('axisDate'), t('listings'), t('ads'), t('accounts')],
        points.map((p) => [locale.date(p.date), locale.number(p.listings), locale.number(p.ads),
            locale.number(p.accounts)]));
    charts.lines('#chart-cumulative', t('cumulative'), t, points.map((p) => locale.date(p.date)),
        [['listings', points.map((p) => p.listings)], ['ads', points.map((p) => p.ads)],
            ['accounts', points.map((p) => p.accounts)]], t('axisDate'), t('axisCount'), locale);

    renderMembership();
    renderMembers();
    renderGoals();
    renderRestatements();
    renderSources();
}

function groupName(name) {
    return name.startsWith('(') ? t(name) : name;
}

function renderMembership() {
    const data = state.data;
    const locale = state.locale;
    const rows = data.yearOverYear.rows;
    const field = state.group === 'sector' ? 'bySector' : 'byRegion';
    const groups = [...new Set(data.yearEnds.flatMap((view) => Object.keys(view?.[field] ?? {})))].sort();
    const dates = rows.map((row) => row.end);
    table('#table-membership', t('caption', {title: t('membership'), basis: t(state.group)}),
        [t('yearEnd'), ...groups.map(groupName), t('total')],
        dates.map((date, i) => [locale.date(date),
            ...groups.map((g) => locale.number(data.yearEnds[i]?.[field]?.[g] ?? 0)),
            locale.number(data.yearEnds[i]?.memberCount ?? 0)]));
    charts.stacked('#chart-membership', t('membership'), t, dates.map((d) => locale.date(d)),
        groups.map((g) => [groupName(g), data.yearEnds.map((view) => view?.[field]?.[g] ?? 0)]),
        t('yearEnd'), t('axisMembers'), locale);
}

function renderMembers() {
    const members = state.data.members;
    const locale = state.locale;
    $('#members-date').value = state.membersDate;
    if (!members) return;
    table('#table-members', t('membersCaption', {date: locale.date(members.asOf),
        count: locale.number(members.memberCount)}),
        [t('name'), t('country'), t('region'), t('sector'), t('joinedOn'), t('founding')],
        members.members.map((m) => [m.disclosed ? m.name : t('undisclosedMember'), m.country ?? '',
            groupName(m.region ?? '(undisclosed)'), groupName(m.sector ?? '(undisclosed)'), locale.date(m.joinedOn),
            t(m.founding ? 'yes' : 'no')]));
}

function goalValue(goal, value) {
    return goal.metric === 'CONFISCATED_USD' ? state.locale.money(value, 'USD') : state.locale.number(Number(value));
}

function renderGoals() {
    const goals = state.data.goals?.goals ?? [];
    const locale = state.locale;
    const container = $('#goals');
    container.replaceChildren(...goals.map((goal) => {
        const wrapper = cell('div', null, {class: 'goal'});
        const facts = cell('dl', null, {class: 'facts'});
        const target = goal.targetValue === null
            ? t('targetUnpublished', {percent: locale.number(Number(goal.targetReductionPercent))})
            : t('targetValue', {percent: locale.number(Number(goal.targetReductionPercent)),
                value: goalValue(goal, goal.targetValue)});
        for (const [key, value] of [['goal', goal.description], ['metric', t(goal.metric)], ['target', target],
            ['deadline', locale.date(goal.deadline)]]) {
            facts.append(cell('dt', t(key)), cell('dd', value));
        }
        const wrap = cell('div', null, {class: 'table-wrap', tabindex: '0', role: 'region',
            'aria-label': t('goalCaption', {goal: goal.description, metric: t(goal.metric)})});
        const element = cell('table', null);
        element.append(cell('caption', ''), cell('thead', ''), cell('tbody', ''));
        wrap.append(element);
        wrapper.append(facts, wrap);
        element.id = `table-goal-${goal.goalId}`;
        return wrapper;
    }));
    for (const goal of goals) {
        table(`#table-goal-${CSS.escape(goal.goalId)}`, t('goalCaption', {goal: goal.description, metric: t(goal.metric)}),
            [t('year'), t('value')],
            goal.years.map((year) => [locale.yearLabel(year) + (year.restated ? ` † ${t('restated')}` : ''),
                goalValue(goal, year.value)]));
    }
    const labels = [...new Set(goals.flatMap((goal) => goal.years.map((year) => locale.yearLabel(year))))];
    charts.bars('#chart-goals', t('goals'), t, labels, goals.map((goal) => [goal.description,
        labels.map((label) => Number(goal.years.find((y) => locale.yearLabel(y) === label)?.value ?? 0))]),
    t('axisYear'), t('value'), locale, true);
}

function figuresText(figures) {
    if (!figures) return '—';
    const locale = state.locale;
    const parts = [];
    if (figures.listingsRemoved !== null) parts.push(`${t('listings')} ${locale.number(figures.listingsRemoved)}`);
    if (figures.adsBlocked !== null) parts.push(`${t('ads')} ${locale.number(figures.adsBlocked)}`);
    if (figures.accountsRemoved !== null) parts.push(`${t('accounts')} ${locale.number(figures.accountsRemoved)}`);
    if (figures.arrests !== null) parts.push(`${t('arrests')} ${locale.number(figures.arrests)}`);
    if (figures.amount !== null) {
        parts.push(`${locale.money(figures.amount, figures.currency)} = ${locale.money(figures.usdValue, 'USD')}`);
    }
    return parts.join(' · ');
}

function renderRestatements() {
    const trail = state.data.restatements?.restatements ?? [];
    const locale = state.locale;
    table('#table-restatements', trail.length ? t('restatements') : t('noRestatements'),
        [t('record'), t('kind'), t('what'), t('before'), t('after'), t('reason'), t('who'), t('when')],
        trail.map((r) => [r.recordId, t(r.kind), t(r.type), figuresText(r.before), figuresText(r.after), r.reason,
            r.actor, locale.instant(r.recordedAt)]));
}

function renderAudit() {
    const locale = state.locale;
    const checkpoint = state.audit.checkpoint;
    const facts = checkpoint ? [['checkpointOrigin', checkpoint.origin],
        ['checkpointSize', locale.number(checkpoint.treeSize)], ['checkpointTime', locale.instant(checkpoint.signedAt)],
        ['rootHash', checkpoint.rootHash]] : checkpoint === null ? [['checkpointSize', t('noCheckpoint')]] : [];
    $('#audit').replaceChildren(...facts.flatMap(([key, value]) => [cell('dt', t(key)),
        cell('dd', value, key === 'rootHash' ? {class: 'hash'} : {})]));
    const verification = state.audit.verification;
    const text = $('#verification');
    if (verification?.report) {
        const report = verification.report;
        text.textContent = report.clean
            ? t('verificationClean', {time: locale.instant(verification.at.toISOString()),
                size: locale.number(report.treeSize), checkpoints: locale.number(report.checkpointsChecked)})
            : t('verificationFailed', {time: locale.instant(verification.at.toISOString()),
                problems: locale.number(report.discrepancyCount + report.checkpointProblems.length)});
    } else {
        text.textContent = t('verificationAuditorsOnly');
    }
    if (state.data.yearOverYear) renderSources();
}

// --- controls -----------------------------------------------------------------------------------------------

function csvPath(view) {
    const base = `/api/v1/coalitions/${encodeURIComponent(state.coalitionId)}`;
    const at = historic();
    const path = {
        'year-over-year': [`${base}/year-over-year`, `basis=${state.basis}`],
        members: [`${base}/members`, `asOf=${state.membersDate}`],
        goals: [`${base}/goals/progress`, ''],
        restatements: [`${base}/restatements`, ''],
    }[view];
    const query = [path[1], at].filter(Boolean).join('&');
    return query ? `${path[0]}?${query}` : path[0];
}

function wire() {
    $('#sign-in-form').addEventListener('submit', (event) => {
        event.preventDefault();
        const key = $('#key').value.trim();
        if (key) signIn(key);
    });
    $('#sign-out').addEventListener('click', () => signOut(null));
    for (const button of document.querySelectorAll('button.lang')) {
        button.addEventListener('click', () => {
            sessionStorage.setItem(LANGUAGE, button.dataset.lang);
            state.locale = new Locale(button.dataset.lang);
            applyLanguage();
        });
    }
    $('#coalition').addEventListener('change', (event) => {
        state.coalitionId = event.target.value;
        show();
    });
    for (const radio of document.querySelectorAll('input[name=basis]')) {
        radio.addEventListener('change', () => {
            state.basis = radio.value;
            show();
        });
    }
    for (const radio of document.querySelectorAll('input[name=group]')) {
        radio.addEventListener('change', () => {
            state.group = radio.value;
            if (state.data.yearOverYear) renderMembership();
        });
    }
    $('#as-of-form').addEventListener('submit', (event) => {
        event.preventDefault();
        const value = $('#recorded-at').value;
        if (!value) return;
        // datetime-local is the viewer's own time; the API takes an instant.
        state.recordedAt = new Date(value).toISOString();
        state.checkpoint = null;
        show();
    });
    $('#show-checkpoint').addEventListener('click', async () => {
        await loadAudit();
        if (!state.audit.checkpoint) return;
        state.checkpoint = state.audit.checkpoint;
        state.recordedAt = null;
        $('#recorded-at').value = '';
        show();
    });
    $('#back-to-live').addEventListener('click', () => {
        state.recordedAt = null;
        state.checkpoint = null;
        $('#recorded-at').value = '';
        show();
    });
    $('#members-form').addEventListener('submit', (event) => {
        event.preventDefault();
        if ($('#members-date').value) {
            state.membersDate = $('#members-date').value;
            reloadMembers();
        }
    });
    for (const button of document.querySelectorAll('button.download')) {
        button.addEventListener('click', () => guarded(api.downloadCsv(csvPath(button.dataset.view), state.key,
            `${state.coalitionId}-${button.dataset.view}.csv`)));
    }
    window.addEventListener('resize', charts.resize);
}

wire();
applyLanguage();
loadAudit();
const stored = api.storedKey();
if (stored) signIn(stored);
