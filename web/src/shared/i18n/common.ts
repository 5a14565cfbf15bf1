// Messages both apps use.
const zhCN = {
  locale: { label: '语言', 'zh-CN': '中文', en: 'English' },
  state: {
    loading: '加载中…',
    retry: '重试',
    unreachable: '连不上服务器，请检查网络后重试',
  },
}

const en: typeof zhCN = {
  locale: { label: 'Language', 'zh-CN': '中文', en: 'English' },
  state: {
    loading: 'Loading…',
    retry: 'Try again',
    unreachable: 'Cannot reach the server; check the connection and try again',
  },
}

export const common = { 'zh-CN': zhCN, en }
