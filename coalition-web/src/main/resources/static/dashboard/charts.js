// Charts with ECharts (served by the application as a WebJar). Every chart has named axes, a legend in words and
// decal patterns, so colour never carries meaning alone; its table beside it holds the same figures.

const instances = new Map();

function chart(selector) {
    const element = document.querySelector(selector);
    let instance = instances.get(element);
    if (!instance) {
        instance = echarts.init(element);
        instances.set(element, instance);
    }
    return {element, instance};
}

function base(title, categories, xName, yName, locale) {
    return {
        animation: false,
        aria: {enabled: true, label: {enabled: false}, decal: {show: true}},
        textStyle: {fontFamily: 'system-ui, sans-serif'},
        legend: {top: 0, textStyle: {color: '#1b1b1b'}},
        tooltip: {trigger: 'axis', valueFormatter: (value) => locale.number(value)},
        grid: {left: 90, right: 30, top: 40, bottom: 60},
        xAxis: {type: 'category', data: categories, name: xName, nameLocation: 'middle', nameGap: 35,
            axisLabel: {color: '#1b1b1b'}, nameTextStyle: {color: '#1b1b1b'}},
        yAxis: {type: 'value', name: yName, nameLocation: 'middle', nameGap: 70,
            axisLabel: {color: '#1b1b1b', formatter: (value) => locale.number(value)},
            nameTextStyle: {color: '#1b1b1b'}},
    };
}

function draw(selector, title, t, option) {
    const {element, instance} = chart(selector);
    instance.setOption(option, true);
    element.setAttribute('aria-label', t('chartLabel', {title}));
}

/** Grouped bars; series are [name key (or name), values]. */
export function bars(selector, title, t, categories, series, xName, yName, locale, literalNames = false) {
    draw(selector, title, t, {...base(title, categories, xName, yName, locale),
        series: series.map(([name, data]) => ({type: 'bar', name: literalNames ? name : t(name), data,
            label: {show: categories.length <= 6, position: 'top', color: '#1b1b1b',
                formatter: ({value}) => locale.number(value)}}))});
}

/** Lines with their points marked by symbols of different shapes. */
export function lines(selector, title, t, categories, series, xName, yName, locale) {
    const symbols = ['circle', 'rect', 'triangle', 'diamond'];
    draw(selector, title, t, {...base(title, categories, xName, yName, locale),
        series: series.map(([name, data], i) => ({type: 'line', name: t(name), data, symbol: symbols[i % 4],
            symbolSize: 9, lineStyle: {type: ['solid', 'dashed', 'dotted'][i % 3]}}))});
}

/** Stacked bars; series names are shown as given. */
export function stacked(selector, title, t, categories, series, xName, yName, locale) {
    draw(selector, title, t, {...base(title, categories, xName, yName, locale),
        series: series.map(([name, data]) => ({type: 'bar', stack: 'total', name, data}))});
}

export function clear() {
    for (const instance of instances.values()) instance.clear();
}

export function resize() {
    for (const instance of instances.values()) instance.resize();
}
