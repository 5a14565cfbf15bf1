// Texts the console's operations pages share: paging, empty and error states.
const zhCN = {
  pager: { label: '翻页', previous: '上一页', next: '下一页', page: '第 {page} 页' },
  ops: {
    forbidden: '你的角色没有权限查看这里，请联系店主',
    saved: '已保存',
    cancel: '取消',
    refresh: '刷新',
    confirm: '确定',
    actor: { buyer: '买家', system: '系统', merchant: '商家', staff: '员工 {id}' },
  },
}

const en: typeof zhCN = {
  pager: { label: 'Pages', previous: 'Previous', next: 'Next', page: 'Page {page}' },
  ops: {
    forbidden: 'Your role may not see this page; ask the shop owner',
    saved: 'Saved',
    cancel: 'Cancel',
    refresh: 'Refresh',
    confirm: 'OK',
    actor: { buyer: 'Buyer', system: 'System', merchant: 'Merchant', staff: 'Staff {id}' },
  },
}

export const common = { 'zh-CN': zhCN, en }
