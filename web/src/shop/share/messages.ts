// Sharing a product.
const zhCN = {
  share: {
    share: '分享',
    title: '分享商品',
    link: '商品链接',
    copy: '复制链接',
    copied: '链接已复制',
    drawing: '正在生成海报…',
    posterAlt: '「{title}」的分享海报',
    saveHint: '长按图片保存，分享到朋友圈',
    download: '下载海报',
    scanHint: '长按识别二维码',
  },
}

const en: typeof zhCN = {
  share: {
    share: 'Share',
    title: 'Share this product',
    link: 'Link',
    copy: 'Copy link',
    copied: 'Link copied',
    drawing: 'Drawing the poster…',
    posterAlt: 'Share poster of "{title}"',
    saveHint: 'Press and hold the picture to save it',
    download: 'Download poster',
    scanHint: 'Scan to buy',
  },
}

export const shareMessages = { 'zh-CN': zhCN, en }
