// The texts of the store's moments feed (动态).
const zhCN = {
  moments: {
    nav: '动态',
    title: '店铺动态',
    empty: '还没有动态',
    finished: '没有更多了',
    like: '赞',
    liked: '已赞',
    likes: '{n} 人觉得很赞',
    comment: '评论',
    commentPlaceholder: '说点什么…（最多 300 字）',
    send: '发送',
    commented: '评论成功',
    signInFirst: '登录后才能点赞和评论',
    buy: '去看看',
    picture: '第 {n} 张图片',
  },
}

const en: typeof zhCN = {
  moments: {
    nav: 'Moments',
    title: 'Shop moments',
    empty: 'No moments yet',
    finished: 'No more',
    like: 'Like',
    liked: 'Liked',
    likes: '{n} liked this',
    comment: 'Comment',
    commentPlaceholder: 'Say something… (up to 300 characters)',
    send: 'Send',
    commented: 'Comment posted',
    signInFirst: 'Sign in to like and comment',
    buy: 'View',
    picture: 'Picture {n}',
  },
}

export const momentsMessages = { 'zh-CN': zhCN, en }
