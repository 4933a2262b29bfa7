// The demo's organisation: one province (山西省) and its 11 prefecture-level cities, with the
// ID-number region codes, telephone area codes and districts that make the data look real.

export const PROVINCE = '山西省'

export interface City {
  name: string
  pinyin: string
  /** First 6 digits of a resident ID number issued there. */
  region: string
  areaCode: string
  districts: readonly string[]
  /** Share of the province's subscribers. */
  share: number
  /** Service managers in the 50,000-customer demo. */
  managers: number
  /** ARPU band mix of the locked users (domain.md: Taiyuan is richer than Datong). */
  wealthy: boolean
}

export const CITIES: readonly City[] = [
  { name: '太原', pinyin: 'taiyuan', region: '140105', areaCode: '0351', districts: ['小店区', '迎泽区', '杏花岭区', '万柏林区', '晋源区', '尖草坪区'], share: 0.2, managers: 12, wealthy: true },
  { name: '大同', pinyin: 'datong', region: '140213', areaCode: '0352', districts: ['平城区', '云冈区', '新荣区', '云州区'], share: 0.1, managers: 6, wealthy: false },
  { name: '阳泉', pinyin: 'yangquan', region: '140302', areaCode: '0353', districts: ['城区', '矿区', '郊区'], share: 0.045, managers: 3, wealthy: false },
  { name: '长治', pinyin: 'changzhi', region: '140403', areaCode: '0355', districts: ['潞州区', '上党区', '屯留区', '潞城区'], share: 0.1, managers: 5, wealthy: false },
  { name: '晋城', pinyin: 'jincheng', region: '140502', areaCode: '0356', districts: ['城区', '泽州县', '高平市'], share: 0.065, managers: 4, wealthy: true },
  { name: '朔州', pinyin: 'shuozhou', region: '140602', areaCode: '0349', districts: ['朔城区', '平鲁区', '怀仁市'], share: 0.05, managers: 3, wealthy: false },
  { name: '晋中', pinyin: 'jinzhong', region: '140702', areaCode: '0354', districts: ['榆次区', '太谷区', '介休市', '平遥县'], share: 0.09, managers: 5, wealthy: false },
  { name: '运城', pinyin: 'yuncheng', region: '140802', areaCode: '0359', districts: ['盐湖区', '永济市', '河津市', '临猗县'], share: 0.115, managers: 6, wealthy: false },
  { name: '忻州', pinyin: 'xinzhou', region: '140902', areaCode: '0350', districts: ['忻府区', '原平市', '定襄县'], share: 0.07, managers: 4, wealthy: false },
  { name: '临汾', pinyin: 'linfen', region: '141002', areaCode: '0357', districts: ['尧都区', '侯马市', '霍州市', '洪洞县'], share: 0.1, managers: 5, wealthy: false },
  { name: '吕梁', pinyin: 'lvliang', region: '141102', areaCode: '0358', districts: ['离石区', '孝义市', '汾阳市', '交城县'], share: 0.065, managers: 4, wealthy: false },
]

/** Groups of a retention centre (domain.md "Organisation"); agents are spread over the first five. */
export const TEAMS = ['锁定用户维系组(G网)', '新入网回访组', '锁定用户维系组(C网)', '宽带组', 'C网租机组', '质检管理组'] as const
export const TEAM_WEIGHTS = [5, 2, 1, 1, 1] as const

export const STREETS = ['长治路', '学府街', '平阳路', '并州路', '迎泽大街', '南内环街', '建设路', '解放路', '新华街', '府东街', '五一路', '体育路', '和平路', '滨河路', '朝阳街']

export const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗', '梁', '宋', '郑', '谢', '韩', '唐', '冯', '于', '董', '萧', '程', '曹', '袁', '邓', '许', '傅', '沈', '曾', '彭', '吕', '苏', '卢', '蒋', '蔡', '贾', '丁', '魏', '薛', '叶', '阎', '段', '雷', '侯', '郝', '武', '乔', '霍', '温', '白', '申']
export const GIVEN_MALE = ['伟', '强', '磊', '军', '勇', '杰', '涛', '明', '超', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '斌', '宇', '浩', '凯', '健', '俊', '帆', '帅', '旭', '宁', '龙', '林', '建', '国', '文', '志', '海', '东', '晋', '峰', '亮', '成', '忠']
export const GIVEN_FEMALE = ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '秀', '玲', '桂', '英', '红', '婷', '雪', '慧', '琳', '晶', '燕', '倩', '颖', '佳', '璐', '欣', '悦', '萍', '莉', '兰', '梅', '琴', '云', '凤', '洁', '蓉', '瑶', '晓', '丹', '彤', '媛', '薇']

/** China Mobile number blocks. */
export const MOBILE_PREFIXES = ['134', '135', '136', '137', '138', '139', '147', '150', '151', '152', '157', '158', '159', '178', '182', '183', '184', '187', '188', '198']

/** Packages (套餐) and their monthly minimum spend (保底), yuan. */
export const PLANS: readonly (readonly [string, number])[] = [
  ['4G18', 18], ['4G38', 38], ['4G58', 58], ['4G88', 88], ['5G128', 128], ['5G168', 168], ['5G238', 238], ['5G298', 298], ['5G398', 398], ['5G598', 598],
]
