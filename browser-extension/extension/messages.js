// The few user messages the extension writes itself (the agent localizes its own), in zh-CN, en and es.
const TEXTS = {
  en: {
    nativeUnavailable: 'The KeyBridge agent is not installed for this browser ({0}). Install KeyBridge, then run '
      + '"keybridge install-native-host" once and reload the page.',
    nativeGone: 'The KeyBridge agent stopped unexpectedly ({0}). Reload the page to try again.',
    helloTimeout: 'The KeyBridge agent did not start within {0} s.',
    answerTimeout: 'The KeyBridge agent did not answer within {0} s.',
    userTimeout: 'No answer from you within {0} s; the login was cancelled.',
    updateAgent: 'The KeyBridge agent ({0}) is older than the extension ({1}): update the KeyBridge agent.',
    updateExtension: 'The KeyBridge extension ({1}) is older than the agent ({0}): update the KeyBridge extension.',
    versionInvalid: 'The KeyBridge agent sent an invalid version "{0}": reinstall the KeyBridge agent.',
    insecure: 'KeyBridge only works on https pages; this page is {0}.',
    pending: 'A {0} request is already in progress on this page.',
    missing: 'The request lacks {0}.',
    invalid: 'The request is malformed: {0}.',
    noSigning: 'KeyBridge does not sign documents; it only logs in (web-eid:authenticate).',
  },
  'zh-CN': {
    nativeUnavailable: '此浏览器尚未安装 KeyBridge 代理程序（{0}）。请安装 KeyBridge，运行一次'
      + '“keybridge install-native-host”，然后重新加载页面。',
    nativeGone: 'KeyBridge 代理程序意外停止（{0}）。请重新加载页面后重试。',
    helloTimeout: 'KeyBridge 代理程序未在 {0} 秒内启动。',
    answerTimeout: 'KeyBridge 代理程序未在 {0} 秒内应答。',
    userTimeout: '{0} 秒内未收到您的操作，登录已取消。',
    updateAgent: 'KeyBridge 代理程序（{0}）比浏览器扩展（{1}）旧：请更新 KeyBridge 代理程序。',
    updateExtension: 'KeyBridge 浏览器扩展（{1}）比代理程序（{0}）旧：请更新 KeyBridge 浏览器扩展。',
    versionInvalid: 'KeyBridge 代理程序发送了无效的版本号“{0}”：请重新安装 KeyBridge 代理程序。',
    insecure: 'KeyBridge 只能在 https 网页上使用；此网页是 {0}。',
    pending: '此网页上已有一个 {0} 请求正在进行。',
    missing: '请求缺少 {0}。',
    invalid: '请求格式错误：{0}。',
    noSigning: 'KeyBridge 不签署文档，只用于登录（web-eid:authenticate）。',
  },
  es: {
    nativeUnavailable: 'El agente de KeyBridge no está instalado para este navegador ({0}). Instale KeyBridge, '
      + 'ejecute una vez «keybridge install-native-host» y vuelva a cargar la página.',
    nativeGone: 'El agente de KeyBridge se detuvo inesperadamente ({0}). Vuelva a cargar la página para reintentar.',
    helloTimeout: 'El agente de KeyBridge no arrancó en {0} s.',
    answerTimeout: 'El agente de KeyBridge no respondió en {0} s.',
    userTimeout: 'No hubo respuesta suya en {0} s; se canceló el inicio de sesión.',
    updateAgent: 'El agente de KeyBridge ({0}) es más antiguo que la extensión ({1}): actualice el agente de KeyBridge.',
    updateExtension: 'La extensión de KeyBridge ({1}) es más antigua que el agente ({0}): actualice la extensión de KeyBridge.',
    versionInvalid: 'El agente de KeyBridge envió una versión no válida «{0}»: reinstale el agente de KeyBridge.',
    insecure: 'KeyBridge solo funciona en páginas https; esta página es {0}.',
    pending: 'Ya hay una solicitud {0} en curso en esta página.',
    missing: 'A la solicitud le falta {0}.',
    invalid: 'La solicitud está mal formada: {0}.',
    noSigning: 'KeyBridge no firma documentos; solo inicia sesión (web-eid:authenticate).',
  },
};

export const LANGUAGES = Object.freeze(Object.keys(TEXTS));

/** zh, zh-CN, zh-Hans… → zh-CN; es-* → es; anything else → en. */
export function language(tag) {
  const t = String(tag || '').toLowerCase();
  if (t.startsWith('zh')) return 'zh-CN';
  if (t === 'es' || t.startsWith('es-')) return 'es';
  return 'en';
}

/** The message `key` in the language of `tag`, with {0}, {1}… filled in. */
export function message(tag, key, ...args) {
  const text = TEXTS[language(tag)][key] ?? TEXTS.en[key];
  if (text === undefined) throw new Error(`no message ${key}`);
  return text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)]));
}

export const KEYS = Object.freeze(Object.keys(TEXTS.en));
export const textsFor = (lang) => TEXTS[lang];
