const zhCN = {
  home: {
    featured: '店长推荐',
    noProducts: '店主还没有上架推荐商品',
    noImage: '暂无图片',
  },
}

const en: typeof zhCN = {
  home: {
    featured: 'Featured',
    noProducts: 'The shop has no featured products yet',
    noImage: 'No picture yet',
  },
}

export const messages = { 'zh-CN': zhCN, en }
