// China's provincial-level regions by the short names buyers' addresses
// start with: postage exclusions match the start of the buyer's region
// ("新疆" excludes "新疆维吾尔自治区"), so the short name covers every way
// of writing it. Offered when choosing where the shop does not ship; any
// other text can be typed.
export const kRegions = [
  '北京', '天津', '河北', '山西', '内蒙古', '辽宁', '吉林', '黑龙江', '上海', '江苏', '浙江', '安徽',
  '福建', '江西', '山东', '河南', '湖北', '湖南', '广东', '广西', '海南', '重庆', '四川', '贵州',
  '云南', '西藏', '陕西', '甘肃', '青海', '宁夏', '新疆', '香港', '澳门', '台湾',
] as const
