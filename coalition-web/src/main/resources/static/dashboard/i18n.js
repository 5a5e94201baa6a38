// The dashboard's two languages and the locale's number and date formats. Data (names, regions, sectors,
// reasons) is shown as the ledger holds it; only the ledger's own markers are translated.

const TEXT = {
    en: {
        title: 'Coalition Ledger',
        skip: 'Skip to the figures',
        languages: 'Language',
        signOut: 'Sign out',
        signInTitle: 'Sign in',
        signInHelp: 'Paste your API key. It is kept only in this browser tab and forgotten when you close it.',
        keyLabel: 'API key',
        signIn: 'Sign in',
        keyRejected: 'This key was not accepted: it is wrong, or it has been revoked. Check it, or ask the coalition secretariat for a new one.',
        keyForbidden: 'This key may not read the coalition views.',
        keyExpired: 'Your key is no longer accepted (wrong or revoked). Please sign in again.',
        unreachable: 'The ledger could not be reached. Try again in a moment.',
        controls: 'View settings',
        coalition: 'Coalition',
        basis: 'Years',
        coalitionYear: 'Coalition years',
        calendarYear: 'Calendar years',
        recordedAtLabel: 'As recorded at (your time)',
        showRecorded: 'Show',
        backToLive: 'Back to live',
        showCheckpoint: 'As of the latest signed checkpoint',
        asOfCheckpoint: 'Not live: showing the views as of the signed checkpoint of {size} entries (signed at {signed}).',
        sourceCheckpointView: 'Source: the signed checkpoint of {size} entries (signed at {signed}); an auditor reproduces these figures from its bundle with the offline verifier.',
        live: 'Live: figures update as facts are recorded.',
        updated: 'Updated at {time}: new facts were recorded.',
        connecting: 'Connecting to the live stream…',
        reconnecting: 'The live stream was lost; reconnecting…',
        asRecorded: 'Not live: showing the ledger as it was recorded at {time}.',
        notRecordedYet: 'At {time} the ledger held nothing of this coalition yet.',
        stale: 'Stale: since {time} an event of this coalition is waiting to be folded in (an administrator was ' +
            'warned); the figures shown are older than the ledger.',
        headline: 'The record so far',
        yoy: 'Year over year',
        cumulative: 'Cumulative takedowns',
        membership: 'Membership over time',
        groupBy: 'Group by',
        region: 'Region',
        sector: 'Sector',
        membersOn: 'Members on',
        show: 'Show',
        goals: 'Goal progress',
        restatements: 'Restatement trail',
        audit: 'Audit status',
        verifyTitle: 'How to verify these figures',
        verify1: 'Every figure is computed from the ledger\'s events; each event is a leaf of a public, append-only Merkle log.',
        verify2: 'Keep the latest <a href="/api/v1/audit/checkpoint">signed checkpoint</a> and the <a href="/api/v1/audit/public-key">public key</a>; a later checkpoint must extend it.',
        verify3: 'An auditor downloads the audit bundle and runs the offline verifier: see the section "Auditing" of the README and docs/audit-format.md in the repository.',
        downloadCsv: 'Download CSV',
        restatedNote: '† restated: a figure of this year was corrected or a record withdrawn; see the restatement trail.',
        restated: 'restated',
        year: 'Year',
        listings: 'Listings removed',
        ads: 'Ads blocked',
        accounts: 'Accounts removed',
        arrests: 'Arrests',
        confiscated: 'Confiscated',
        confiscatedUsd: 'Confiscated (USD)',
        members: 'Members',
        membersAtYearEnd: 'Members at year end',
        joined: 'Joined',
        left: 'Left',
        yearEnd: 'Year end',
        count: 'Count',
        total: 'Total',
        name: 'Name',
        country: 'Country',
        joinedOn: 'Joined on',
        founding: 'Founding member',
        yes: 'yes',
        no: 'no',
        undisclosedMember: 'Undisclosed member',
        '(undisclosed)': 'Undisclosed',
        '(not a member)': 'Not a member',
        goal: 'Goal',
        metric: 'Metric',
        target: 'Target',
        targetUnpublished: '{percent}% reduction (no baseline published)',
        targetValue: '{percent}% reduction, to {value}',
        deadline: 'Deadline',
        value: 'Value',
        ONLINE_TRAFFICKING: 'Listings + ads + accounts',
        LISTINGS_REMOVED: 'Listings removed',
        ADS_BLOCKED: 'Ads blocked',
        ACCOUNTS_REMOVED: 'Accounts removed',
        ARRESTS: 'Arrests',
        CONFISCATED_USD: 'Confiscated (USD)',
        record: 'Record',
        kind: 'Kind',
        what: 'What',
        before: 'Before',
        after: 'After',
        reason: 'Why',
        who: 'Who',
        when: 'When recorded',
        CORRECTION: 'Correction',
        RETRACTION: 'Retraction',
        TAKEDOWN_BATCH: 'Takedown batch',
        ARREST: 'Arrests',
        CONFISCATION: 'Confiscation',
        noRestatements: 'No figure has been corrected or withdrawn.',
        noMembers: 'No members on this date.',
        checkpointSize: 'Latest signed checkpoint: entries in the log',
        checkpointTime: 'Signed at',
        checkpointOrigin: 'Log',
        rootHash: 'Root hash',
        noCheckpoint: 'No checkpoint has been signed yet.',
        verificationClean: 'Last verification ({time}): clean — {size} log entries match the event store, {checkpoints} checkpoints hold.',
        verificationFailed: 'Last verification ({time}): FAILED — {problems} problems found. Tell the auditors.',
        verificationAuditorsOnly: 'The server-side verification is for auditors: sign in with an auditor key to see its result, or verify the log yourself (below).',
        sourceLive: 'Source: the ledger as recorded up to now (read at {time}).',
        sourceAsOf: 'Source: the ledger as recorded at {time}.',
        sourceCheckpoint: 'Latest signed checkpoint: {size} entries, signed at {signed}.',
        sourceNoCheckpoint: 'No signed checkpoint yet.',
        howToVerify: 'How to verify',
        chartLabel: '{title}. Chart; the table below holds the same figures.',
        axisYear: 'Year',
        axisCount: 'Count',
        axisMembers: 'Members',
        axisDate: 'Date',
        caption: '{title}, {basis}',
        membersCaption: 'Members on {date}: {count}',
        goalCaption: '{goal}: {metric} per coalition year',
    },
    'zh-CN': {
        title: '联盟账本',
        skip: '跳到数据',
        languages: '语言',
        signOut: '退出',
        signInTitle: '登录',
        signInHelp: '请粘贴您的 API 密钥。密钥只保存在本浏览器标签页中，关闭后即被清除。',
        keyLabel: 'API 密钥',
        signIn: '登录',
        keyRejected: '此密钥未被接受：密钥有误或已被吊销。请检查密钥，或向联盟秘书处申请新的密钥。',
        keyForbidden: '此密钥无权查看联盟数据。',
        keyExpired: '您的密钥已不再有效（有误或已被吊销）。请重新登录。',
        unreachable: '无法连接账本，请稍后再试。',
        controls: '视图设置',
        coalition: '联盟',
        basis: '年度',
        coalitionYear: '联盟年度',
        calendarYear: '日历年度',
        recordedAtLabel: '记录时点（本地时间）',
        showRecorded: '显示',
        backToLive: '返回实时',
        showCheckpoint: '按最新签名检查点',
        asOfCheckpoint: '非实时：显示截至 {size} 条日志的签名检查点（签名于 {signed}）的数据。',
        sourceCheckpointView: '来源：{size} 条日志的签名检查点（签名于 {signed}）；审计人员可用离线验证程序从其审计包重现这些数据。',
        live: '实时：记录新事实时数据自动更新。',
        updated: '已于 {time} 更新：记录了新的事实。',
        connecting: '正在连接实时数据流…',
        reconnecting: '实时数据流中断，正在重新连接…',
        asRecorded: '非实时：显示账本在 {time} 时的记录。',
        notRecordedYet: '截至 {time}，账本尚无该联盟的任何记录。',
        stale: '数据已过时：自 {time} 起，该联盟有一条事件尚未计入（已通知管理员）；所示数字早于账本。',
        headline: '迄今为止的记录',
        yoy: '逐年数据',
        cumulative: '累计下架',
        membership: '成员变化',
        groupBy: '分组',
        region: '地区',
        sector: '行业',
        membersOn: '成员日期',
        show: '显示',
        goals: '目标进展',
        restatements: '数据更正记录',
        audit: '审计状态',
        verifyTitle: '如何核验这些数据',
        verify1: '每个数据都由账本中的事件计算得出；每个事件都是一个公开、只可追加的默克尔日志中的叶子节点。',
        verify2: '请保存最新的<a href="/api/v1/audit/checkpoint">签名检查点</a>和<a href="/api/v1/audit/public-key">公钥</a>；之后的检查点必须延续它。',
        verify3: '审计人员下载审计包并运行离线验证程序：参见代码库中 README 的“Auditing”一节和 docs/audit-format.md。',
        downloadCsv: '下载 CSV',
        restatedNote: '† 已更正：该年度的某项数据被更正或某条记录被撤回；详见数据更正记录。',
        restated: '已更正',
        year: '年度',
        listings: '下架商品信息',
        ads: '屏蔽广告',
        accounts: '关闭账户',
        arrests: '逮捕人数',
        confiscated: '没收金额',
        confiscatedUsd: '没收金额（美元）',
        members: '成员',
        membersAtYearEnd: '年末成员数',
        joined: '加入',
        left: '退出',
        yearEnd: '年末',
        count: '数量',
        total: '合计',
        name: '名称',
        country: '国家/地区',
        joinedOn: '加入日期',
        founding: '创始成员',
        yes: '是',
        no: '否',
        undisclosedMember: '未公开成员',
        '(undisclosed)': '未公开',
        '(not a member)': '非成员',
        goal: '目标',
        metric: '指标',
        target: '目标值',
        targetUnpublished: '减少 {percent}%（未公布基线）',
        targetValue: '减少 {percent}%，至 {value}',
        deadline: '截止日期',
        value: '数值',
        ONLINE_TRAFFICKING: '商品信息 + 广告 + 账户',
        LISTINGS_REMOVED: '下架商品信息',
        ADS_BLOCKED: '屏蔽广告',
        ACCOUNTS_REMOVED: '关闭账户',
        ARRESTS: '逮捕人数',
        CONFISCATED_USD: '没收金额（美元）',
        record: '记录',
        kind: '类型',
        what: '操作',
        before: '更正前',
        after: '更正后',
        reason: '原因',
        who: '记录人',
        when: '记录时间',
        CORRECTION: '更正',
        RETRACTION: '撤回',
        TAKEDOWN_BATCH: '下架批次',
        ARREST: '逮捕',
        CONFISCATION: '没收',
        noRestatements: '没有任何数据被更正或撤回。',
        noMembers: '该日期没有成员。',
        checkpointSize: '最新签名检查点：日志条目数',
        checkpointTime: '签名时间',
        checkpointOrigin: '日志',
        rootHash: '根哈希',
        noCheckpoint: '尚未签署任何检查点。',
        verificationClean: '最近一次核验（{time}）：无问题 — {size} 条日志与事件存储一致，{checkpoints} 个检查点有效。',
        verificationFailed: '最近一次核验（{time}）：失败 — 发现 {problems} 个问题。请通知审计人员。',
        verificationAuditorsOnly: '服务器端核验仅供审计人员使用：请使用审计密钥登录查看结果，或按下文自行核验日志。',
        sourceLive: '来源：截至目前的账本记录（读取于 {time}）。',
        sourceAsOf: '来源：账本在 {time} 时的记录。',
        sourceCheckpoint: '最新签名检查点：{size} 条，签名于 {signed}。',
        sourceNoCheckpoint: '尚无签名检查点。',
        howToVerify: '如何核验',
        chartLabel: '{title}。图表；下表包含相同数据。',
        axisYear: '年度',
        axisCount: '数量',
        axisMembers: '成员数',
        axisDate: '日期',
        caption: '{title}，{basis}',
        membersCaption: '{date} 的成员：{count}',
        goalCaption: '{goal}：每联盟年度的{metric}',
    },
};

export const LANGUAGES = Object.keys(TEXT);

/** The browser's first language we have, else English. */
export function preferredLanguage(languages) {
    for (const language of languages || []) {
        if (language.toLowerCase().startsWith('zh')) return 'zh-CN';
        if (language.toLowerCase().startsWith('en')) return 'en';
    }
    return 'en';
}

export class Locale {
    constructor(language) {
        this.language = TEXT[language] ? language : 'en';
        this.text = TEXT[this.language];
        this.integer = new Intl.NumberFormat(this.language, {maximumFractionDigits: 0});
        this.dates = new Intl.DateTimeFormat(this.language, {dateStyle: 'medium', timeZone: 'UTC'});
        this.instants = new Intl.DateTimeFormat(this.language, {dateStyle: 'medium', timeStyle: 'medium'});
        this.times = new Intl.DateTimeFormat(this.language, {timeStyle: 'medium'});
    }

    /** The text for a key, with {name} placeholders filled in; an unknown key is shown as itself. */
    t(key, values = {}) {
        const text = this.text[key] ?? key;
        return text.replace(/\{(\w+)}/g, (_, name) => values[name] ?? '');
    }

    number(value) {
        return value === null || value === undefined ? '' : this.integer.format(value);
    }

    /** An exact decimal (sent as a number or string) in a currency, with the currency's ISO code. */
    money(amount, currency) {
        const format = new Intl.NumberFormat(this.language, {style: 'currency', currency, currencyDisplay: 'code'});
        return format.format(String(amount)); // a string keeps every digit (Intl formats decimal strings exactly)
    }

    /** A business date (yyyy-MM-dd). */
    date(isoDate) {
        return isoDate ? this.dates.format(new Date(isoDate + 'T00:00:00Z')) : '';
    }

    instant(iso) {
        return iso ? this.instants.format(new Date(iso)) : '';
    }

    time(date) {
        return this.times.format(date);
    }

    /** A year row's name: the calendar year, or the coalition year's first and last day. */
    yearLabel(row) {
        return /^\d{4}$/.test(row.label) ? row.label : `${this.date(row.start)} – ${this.date(row.end)}`;
    }
}
