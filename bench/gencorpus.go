//go:build ignore

// gencorpus writes a deterministic corpus of Markdown articles that look like
// the information-disclosure pages of a Chinese county government agency, twice
// from the same bodies: once as a gongkai repository (gongkai.yaml + content/,
// every article fully and validly signed under the default review chain) and once as a Hugo content
// directory (the same bodies, Hugo front matter, section _index.md files), so that
// both tools build the same site from the same text.
//
//	OUT/gongkai/gongkai.yaml
//	OUT/gongkai/content/<category-slug>/<yyyy>/<slug>.md
//	OUT/hugo/content/<category-slug>/_index.md
//	OUT/hugo/content/<category-slug>/<yyyy>/<slug>.md
//
// Usage:
//
//	go run gencorpus.go -n 10000 -out /tmp/corpus -seed 1
//
// Article i depends only on (seed, i), except its 索引号 serial, counted per
// year in article order; so the first 1,000 articles of a 10,000-article
// corpus are still the 1,000-article corpus. Standard library only;
// the generator has its own PRNG (splitmix64) so output does not depend on the
// Go version.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// ---------------------------------------------------------------- PRNG

type rng struct{ s uint64 }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	z := r.s
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// intn returns 0 <= x < n.
func (r *rng) intn(n int) int { return int(r.next() % uint64(n)) }

// between returns lo <= x <= hi.
func (r *rng) between(lo, hi int) int { return lo + r.intn(hi-lo+1) }

func (r *rng) chance(percent int) bool { return r.intn(100) < percent }

func (r *rng) pick(xs []string) string { return xs[r.intn(len(xs))] }

// ---------------------------------------------------------------- fixed data

type category struct {
	Name, Slug string
	Weight     int
}

var categories = []category{
	{"机构概况", "jggk", 3},
	{"法律法规", "flfg", 6},
	{"规范性文件", "gfxwj", 8},
	{"工作动态", "gzdt", 40},
	{"行政事业收费", "xzsysf", 4},
	{"政府采购与工程招投标", "zfcg", 10},
	{"行政执法", "xzzf", 8},
	{"行政审批", "xzsp", 8},
	{"应急管理", "yjgl", 7},
	{"城乡建设", "cxjs", 6},
	// Never drawn: every 规范性文件 gets one, published with it (政策解读须与
	// 文件同步发布), so that the corpus passes GK052.
	{"政策解读", "zcjd", 0},
}

var departments = []string{
	"办公室", "综合科", "招商科", "项目管理科", "政策法规科", "财务审计科",
	"人事教育科", "投资促进科", "督查考核科", "信息中心", "行政执法大队", "行政审批股",
}

var people = []string{
	"张三", "李四", "王五", "赵六", "钱七", "孙八",
	"张建国", "李文华", "王志强", "刘晓燕", "陈明", "杨帆", "赵丽娟", "黄伟",
	"周杰", "吴敏", "徐海涛", "孙丽", "胡斌", "朱红梅", "高峰", "林静", "何勇",
	"郭鹏", "马超", "罗雪", "梁军", "宋佳", "郑凯", "谢芳", "韩磊", "唐亮",
}

var tagPool = map[string][]string{
	"机构概况":       {"机构职能", "领导信息", "内设机构", "政务公开"},
	"法律法规":       {"法律法规", "普法宣传", "政策解读", "依法行政"},
	"规范性文件":      {"规范性文件", "政策文件", "政策解读", "营商环境"},
	"工作动态":       {"会议", "调研", "招商引资", "项目建设", "营商环境", "培训", "党建", "信息宣传", "产业发展", "签约"},
	"行政事业收费":     {"收费公示", "财政资金", "预算", "决算"},
	"政府采购与工程招投标": {"政府采购", "招标公告", "中标公告", "工程建设"},
	"行政执法":       {"行政执法", "双随机一公开", "执法公示", "行政处罚"},
	"行政审批":       {"行政审批", "项目备案", "政务服务", "一网通办"},
	"应急管理":       {"安全生产", "应急演练", "防汛抗旱", "消防安全"},
	"城乡建设":       {"城乡建设", "项目建设", "乡村振兴", "基础设施"},
}

// Word banks used by the {slot} templates below.
var bank = map[string][]string{
	"topic": {"信息宣传", "招商引资", "优化营商环境", "安全生产", "党风廉政建设", "政务公开",
		"重点项目建设", "意识形态", "保密", "档案管理", "平安建设", "精神文明建设", "绩效考核",
		"作风建设", "产业链招商", "民营经济发展", "信访维稳", "防汛抗旱", "消防安全", "普法宣传",
		"数据安全", "预算管理", "项目服务", "营商环境监测", "招商队伍建设"},
	"higher": {"省委、省政府", "市委、市政府", "县委、县政府", "市投资促进局", "省商务厅",
		"县委办公室、县政府办公室", "县纪委监委"},
	"dockind": {"文件", "会议", "重要讲话", "通知", "决策部署", "工作要求"},
	"place": {"局三楼会议室", "局机关会议室", "县政务服务中心", "县行政中心第二会议室",
		"经济开发区管委会会议室", "县委党校报告厅"},
	"city": {"长三角地区", "珠三角地区", "深圳市", "苏州市", "宁波市", "厦门市", "东莞市",
		"杭州市", "上海市", "成都市", "重庆市", "武汉市", "温州市", "佛山市"},
	"industry": {"新能源", "新材料", "电子信息", "高端装备制造", "农产品精深加工", "生物医药",
		"现代物流", "文化旅游", "纺织服装", "绿色食品", "数字经济", "节能环保"},
	"coname": {"华鑫", "恒通", "瑞丰", "宏达", "金源", "天润", "中诚", "鼎盛", "永兴", "嘉禾",
		"盛世", "华泰", "兴业", "远航", "博雅", "新元"},
	"cokind": {"新能源科技", "电子科技", "食品", "新型建材", "物流", "纺织", "医药",
		"智能装备", "农业开发", "环保科技", "光电", "精密制造"},
	"cosuffix": {"有限公司", "股份有限公司", "有限责任公司"},
	"town": {"城关镇", "东城街道", "西城街道", "青石镇", "柳河镇", "新华乡", "白沙镇", "桃源乡",
		"龙泉镇", "石桥镇", "双河镇", "长安乡"},
	"position": {"局党组书记、局长", "局党组成员、副局长", "局党组成员、纪检组长",
		"局党组成员、副局长", "四级调研员"},
	"period": {"今年以来", "一季度", "上半年", "前三季度", "近年来", "去年以来", "“十四五”以来"},
	"law": {"中华人民共和国政府信息公开条例", "中华人民共和国行政许可法", "中华人民共和国行政处罚法",
		"中华人民共和国安全生产法", "优化营商环境条例", "中华人民共和国外商投资法",
		"中华人民共和国招标投标法", "中华人民共和国政府采购法", "中华人民共和国保守国家秘密法",
		"中华人民共和国突发事件应对法", "中华人民共和国城乡规划法", "中华人民共和国行政复议法",
		"中华人民共和国档案法", "中华人民共和国预算法"},
	"docname": {"招商引资项目管理办法", "重大项目代办服务工作规程", "招商引资优惠政策兑现实施细则",
		"政务信息公开工作制度", "招商引资项目准入评审办法", "驻外招商工作考核办法",
		"行政执法公示制度", "重大行政决策程序规定", "安全生产责任制实施办法",
		"突发事件应急预案", "政府信息公开保密审查办法", "机关财务管理制度"},
	"awareness": {"安全", "法治", "保密", "服务", "廉洁自律", "责任", "大局"},
	"ability":   {"业务", "应急处置", "依法行政", "招商服务", "文字写作", "调查研究"},
	"event":     {"会议", "培训", "调研", "演练", "专题学习", "签约活动", "督查"},
	"slogan": {"现代化产业强县", "中部地区投资首选地", "营商环境最优县", "区域性物流枢纽",
		"生态宜居美丽县城"},
	"org": {"市委党校", "省商务厅", "市司法局", "县应急管理局", "县财政局", "市投资促进局",
		"县档案馆", "县保密局"},
	"procmethod": {"公开招标", "竞争性磋商", "竞争性谈判", "询价", "单一来源采购"},
	"fund":       {"财政预算资金", "上级专项资金", "自筹资金", "地方政府专项债券资金"},
	"building": {"生产车间、仓储用房及配套办公楼", "标准化厂房及研发中心", "冷链仓储中心及配套设施",
		"智能化生产线及检测中心", "综合办公楼及职工宿舍"},
	"product": {"锂电池隔膜", "光伏组件", "电子元器件", "预制菜", "新型墙体材料", "医用敷料",
		"智能家电", "汽车零部件", "功能性面料", "有机肥"},
	"unit":    {"吨", "套", "件", "平方米", "台"},
	"action":  {"坚持项目为王", "深化“放管服”改革", "加强跟踪服务", "强化要素保障", "创新招商方式", "压实工作责任"},
	"problem": {"用地", "用工", "融资", "用电", "物流", "审批"},
	"season":  {"春节期间", "汛期", "夏季", "国庆期间", "冬春季", "高温季节"},
	"hazard":  {"火灾", "防汛", "地震", "燃气泄漏", "食品安全", "交通事故"},
	"road":    {"迎宾大道", "工业大道", "滨河路", "创业路", "人民路", "开发区纬三路", "兴业大道"},
}

var quarters = []string{"第一季度", "第二季度", "第三季度", "第四季度"}

var cnDigits = []string{"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"}

// cnNum writes 1..99 as Chinese numerals (一, 十二, 二十三).
func cnNum(n int) string {
	switch {
	case n < 10:
		return cnDigits[n]
	case n < 20:
		if n == 10 {
			return "十"
		}
		return "十" + cnDigits[n-10]
	default:
		s := cnDigits[n/10] + "十"
		if n%10 != 0 {
			s += cnDigits[n%10]
		}
		return s
	}
}

// ---------------------------------------------------------------- templates

var titleTpl = map[string][]string{
	"机构概况": {"县招商局{Y}年机构职能", "县招商局领导班子成员及分工", "县招商局内设机构设置情况",
		"县招商局{Y}年部门职责调整情况", "县招商局办公地址及联系方式"},
	"法律法规": {"《{law}》全文", "关于学习贯彻《{law}》的通知", "《{law}》解读",
		"县招商局开展《{law}》专题学习"},
	"规范性文件": {"县招商局关于印发《{docname}》的通知", "关于进一步规范{T}工作的实施意见",
		"县招商局关于修订《{docname}》的通知", "关于废止部分规范性文件的决定"},
	"工作动态": {"县招商局召开{Y}年{Q}{T}工作会议", "{LEADER}带队赴{city}开展招商引资活动",
		"县招商局组织开展{T}专题学习活动", "县招商局举办{Y}年{T}业务培训班",
		"{DEPT}赴{town}开展{T}专题调研", "{CO}项目签约落户我县", "县招商局召开{Y}年度民主生活会",
		"县招商局深入{town}开展“{T}”走访服务活动", "县招商局{Y}年{Q}工作总结及下一步工作计划",
		"{Y}年{Q}全县招商引资工作情况通报"},
	"行政事业收费": {"县招商局{Y}年行政事业性收费项目公示", "县招商局{Y}年部门预算公开",
		"县招商局{Y}年部门决算公开", "县招商局{Y}年“三公”经费使用情况说明"},
	"政府采购与工程招投标": {"{PRJ}公开招标公告", "{PRJ}中标结果公告", "{PRJ}更正公告",
		"县招商局{Y}年办公设备采购项目竞争性磋商公告", "{PRJ}废标公告", "县招商局{Y}年政府采购意向公开"},
	"行政执法": {"县招商局{Y}年度行政执法统计年报", "县招商局行政执法事项清单", "关于{CO}的行政处罚决定书",
		"县招商局{Y}年“双随机、一公开”抽查结果公示", "县招商局行政执法人员名单公示"},
	"行政审批": {"关于{PRJ}备案的批复", "{CO}投资项目备案信息公示", "县招商局行政审批事项办事指南",
		"关于{PRJ}核准的批复", "{Y}年{Q}行政审批事项办理情况公示"},
	"应急管理": {"县招商局开展{Y}年{hazard}应急演练活动", "关于做好{season}安全生产工作的通知",
		"县招商局{Y}年安全生产工作要点", "县招商局开展{season}安全生产大检查", "县招商局{hazard}突发事件应急预案"},
	"城乡建设": {"{PRJ}建设进展情况通报", "{town}{road}改造工程开工建设", "{Y}年全县重点项目建设推进会召开",
		"县经济开发区基础设施建设项目进展情况", "{town}农村人居环境整治工作取得阶段性成效"},
}

var openTpl = map[string][]string{
	"工作动态": {
		"{MD}，县招商局在{place}召开{Y}年{Q}{T}工作会议。{LEADER}出席会议并讲话，局领导班子成员、各股室负责人参加会议。",
		"近日，{LEADER}带队赴{city}开展招商引资活动，先后走访了{co}、{co}等{n2}家企业，与企业负责人进行了深入座谈交流。",
		"为进一步提升干部职工{ability}能力，{MD}，县招商局组织开展{T}专题学习活动，局机关全体干部职工参加学习。",
		"{MD}，{DEPT}一行深入{town}，就{T}工作开展专题调研，实地察看了{PRJ}建设现场，并召开座谈会听取意见建议。",
		"{MD}，我县与{CO}举行项目签约仪式，{CO}将在县经济开发区投资建设{PRJ}。",
	},
	"机构概况": {
		"县招商局是县人民政府工作部门，为正科级，加挂县投资促进中心牌子。根据《县招商局职能配置、内设机构和人员编制规定》，现将有关情况公开如下。",
		"根据{higher}关于机构改革的有关要求，县招商局对内设机构和职能进行了调整优化，现将调整后的机构设置情况予以公开。",
	},
	"法律法规": {
		"为深入学习贯彻《{law}》，进一步提高全局干部职工依法行政意识和能力，现将有关事项通知如下。",
		"《{law}》已经公布施行。为便于社会公众了解和掌握相关规定，现将全文予以公开。",
	},
	"规范性文件": {
		"各乡镇人民政府（街道办事处），县直各有关单位：现将《{docname}》印发给你们，请结合实际，认真贯彻执行。",
		"为进一步规范{T}工作，提高工作质量和效率，根据《{law}》等有关法律法规规定，结合我县实际，制定本意见。",
	},
	"行政事业收费": {
		"根据《{law}》和{higher}关于预决算公开的有关规定，现将县招商局{Y}年相关信息公开如下。",
		"按照{higher}关于进一步做好行政事业性收费公示工作的要求，现将我局收费项目、收费标准及收费依据予以公示。",
	},
	"政府采购与工程招投标": {
		"{PRJ}的潜在供应商应在县公共资源交易中心网站获取采购文件，并于{MD}上午9时30分（北京时间）前提交响应文件。",
		"{PRJ}已于{MD}在县公共资源交易中心完成开标、评标工作，根据评标委员会的评审结果，现将中标结果公告如下。",
	},
	"行政执法": {
		"根据《{law}》和《行政执法公示制度》的有关规定，现将县招商局{Y}年度行政执法有关情况公示如下。",
		"当事人{CO}，统一社会信用代码：91{usc}，住所地：县经济开发区{road}{n}号。经查，当事人存在违反《{law}》有关规定的行为。",
	},
	"行政审批": {
		"{CO}：你单位报送的{PRJ}备案申请及相关材料收悉。经审查，现就有关事项批复如下。",
		"为方便企业和群众办事，进一步提升政务服务效能，现将县招商局行政审批事项有关情况公示如下。",
	},
	"应急管理": {
		"{MD}，县招商局联合{org}在局机关开展{Y}年{hazard}应急演练活动，局机关全体干部职工参加演练。",
		"各股室、局属各单位：{season}是安全事故易发多发期，为切实做好{season}安全生产工作，现将有关事项通知如下。",
	},
	"城乡建设": {
		"{period}，县招商局认真贯彻落实{higher}关于城乡建设工作的决策部署，全力推进{PRJ}等重点项目建设。",
		"{MD}，{town}{road}改造工程正式开工建设，该工程全长约{n}公里，总投资{amt}亿元。",
	},
}

// Body sentences, in pools. Every category draws from "general" and from the
// pools listed for it in catPools.
var pools = map[string][]string{
	"general": {
		"会议传达学习了{higher}关于{T}工作的{dockind}精神，通报了{period}全局{T}工作开展情况，安排部署了下一阶段重点工作。",
		"会议指出，{period}，全局上下认真贯彻落实{higher}决策部署，紧紧围绕年度目标任务，攻坚克难、真抓实干，各项工作取得了明显成效。",
		"会议要求，各股室要进一步提高思想认识，切实增强做好{T}工作的责任感和紧迫感，细化工作措施，明确责任分工，确保各项工作落到实处。",
		"各股室负责人分别汇报了{period}工作完成情况及下一步工作打算，并就存在的困难和问题进行了交流发言。",
		"会上，与会人员集中学习了《{law}》相关内容，并就如何做好{T}工作进行了深入讨论。",
		"为切实做好{T}工作，局里成立了以主要负责人为组长、分管负责人为副组长、各股室负责人为成员的工作领导小组，领导小组办公室设在{DEPT}，负责日常工作的组织协调。",
		"本次培训采取集中授课、案例分析和交流研讨相结合的方式，邀请{org}的专家围绕{topic}、{topic}等内容进行了深入浅出的讲解。",
		"通过此次活动，进一步增强了干部职工的{awareness}意识，提升了{ability}能力，为推动全县{T}工作高质量发展奠定了坚实基础。",
		"{period}，我局坚持把{T}作为推动高质量发展的重要抓手，健全完善工作机制，强化跟踪服务，推动各项工作提质增效。",
		"全局干部职工要以更加饱满的精神状态、更加务实的工作作风，全力以赴抓项目、促投资、优服务，确保全年目标任务圆满完成。",
		"要严格落实中央八项规定及其实施细则精神，持续纠治“四风”，坚决防止形式主义、官僚主义，切实减轻基层负担。",
		"根据《中华人民共和国政府信息公开条例》的有关规定，现将有关情况予以公开，接受社会监督。",
		"下一步，县招商局将以此次{event}为契机，{action}，不断提升{T}工作水平，为加快建设{slogan}贡献招商力量。",
		"各有关单位要加强统筹协调，形成工作合力，确保{T}工作有序推进、取得实效。",
		"{period}，全局共受理各类咨询{nbig}件，办结率100%，群众满意度达到{pct2}%以上。",
		"会议还对{topic}、{topic}等工作进行了安排部署，要求相关股室按照职责分工抓好落实。",
		"要加强{T}工作的宣传报道，充分利用政府网站、政务新媒体等平台，及时发布工作动态，营造良好的舆论氛围。",
		"{LEADER}在讲话中充分肯定了{period}全局各项工作取得的成绩，同时也客观分析了当前工作中存在的短板和不足。",
		"针对检查中发现的问题，检查组现场下达了整改通知书，要求相关单位立即制定整改方案，明确整改时限，确保问题整改到位。",
	},
	"invest": {
		"截至{month}月底，全县累计签约招商项目{n}个，协议总投资{amt}亿元，其中亿元以上项目{n2}个，实际到位资金{amt2}亿元，同比增长{pct}%。",
		"{LEADER}强调，要坚持问题导向和目标导向，聚焦{industry}、{industry}等主导产业，大力开展产业链招商、以商招商和驻点招商，着力引进一批投资规模大、科技含量高、带动能力强的好项目、大项目。",
		"调研组一行先后深入{co}、{co}等企业，实地察看了企业生产经营情况，详细了解企业在{problem}、{problem}等方面遇到的困难和问题。",
		"座谈会上，企业负责人围绕{T}等方面提出了意见建议，调研组现场进行了回应，对不能现场解决的问题逐一建立台账，明确责任单位和办结时限。",
		"据了解，该项目总投资{amt}亿元，占地面积约{nbig}亩，主要建设{building}等，项目建成投产后，预计可实现年产值{amt2}亿元，年上缴税收{amt3}万元，新增就业岗位{nbig}个。",
		"要进一步优化项目服务流程，对重点项目实行“一个项目、一名领导、一个专班、一抓到底”的工作机制，全力推动项目早落地、早开工、早投产。",
		"{CO}相关负责人表示，将进一步加大投资力度，加快项目建设进度，争取项目早日建成投产，为地方经济发展作出积极贡献。",
		"经现场核查，{PRJ}主体工程已完成{pct}%，累计完成投资{amt}亿元，预计于{nextyear}年{month}月底前竣工投产。",
		"在{city}期间，考察组还拜访了当地{industry}行业商会，详细介绍了我县区位交通、产业基础、要素保障和优惠政策等情况，诚邀企业家来县考察投资。",
		"双方就项目选址、建设规模、投资强度、政策支持等事项进行了深入洽谈，达成了初步合作意向。",
	},
	"org": {
		"主要职责：贯彻执行国家、省、市关于招商引资和对外开放的方针政策和法律法规，拟订全县招商引资发展规划和年度计划并组织实施。",
		"负责全县招商引资项目的统筹协调、跟踪服务和督查考核工作，承担县招商引资工作领导小组办公室的日常工作。",
		"县招商局内设办公室、综合科、招商科、项目管理科、政策法规科等{n2}个职能股室，核定行政编制{n2}名，事业编制{n2}名。",
		"{LEADER}：主持局全面工作，负责党建、人事、财务和招商引资统筹工作。",
		"{position}{person}：负责{dept}、{dept}工作，分管{topic}、{topic}等工作。",
		"办公地址：县行政中心{n}楼，办公时间：周一至周五上午8:30—12:00，下午14:30—17:30（法定节假日除外）。",
		"{dept}：负责{topic}工作的组织实施和督促检查，承办局领导交办的其他事项。",
	},
	"finance": {
		"{Y}年度收入预算{amt3}万元，其中：一般公共预算财政拨款收入{amt3}万元，其他收入{amt3}万元。",
		"{Y}年度支出预算{amt3}万元，其中：基本支出{amt3}万元，项目支出{amt3}万元。",
		"{Y}年“三公”经费财政拨款预算{amt3}万元，其中：因公出国（境）费0万元，公务用车购置及运行维护费{amt3}万元，公务接待费{amt3}万元。",
		"与上年相比，“三公”经费减少{amt3}万元，主要原因是认真贯彻落实中央八项规定精神，严格控制公务接待和公务用车支出。",
		"机关运行经费主要用于办公及印刷、水电、邮电、差旅、会议、培训、公务接待等支出。",
		"本部门收费项目均按照{higher}批准的收费标准执行，收费收入全额缴入国库，实行“收支两条线”管理。",
		"如对收费项目、收费标准有疑问，可向县发展和改革委员会价格监督检查部门或县财政局反映。",
	},
	"procure": {
		"采购项目名称：{PRJ}；采购方式：{procmethod}；预算金额：{amt3}万元；最高限价：{amt3}万元；资金来源：{fund}。",
		"供应商资格要求：具有独立承担民事责任的能力；具有良好的商业信誉和健全的财务会计制度；参加政府采购活动前三年内，在经营活动中没有重大违法记录。",
		"本项目不接受联合体投标，不允许转包和分包。",
		"获取采购文件时间：{MD}至开标前一日，每天上午8:30至12:00，下午14:30至17:30（北京时间，法定节假日除外）。",
		"中标供应商：{co}，中标金额：{amt3}万元，服务期限：{n2}个月。",
		"评标委员会由{n2}名评审专家组成，评审专家从省政府采购评审专家库中随机抽取。",
		"各有关当事人对中标结果有异议的，可以在中标公告发布之日起七个工作日内，以书面形式向采购人或采购代理机构提出质疑。",
		"采购人：县招商局，地址：县行政中心{n}楼，联系人：{LEADERNAME}，联系方式：0{phone}。",
	},
	"enforce": {
		"{Y}年，我局共开展行政检查{n}次，检查企业{nbig}家次，发现问题{n}个，已全部督促整改到位。",
		"依据《{law}》第{cn}条的规定，本机关决定对当事人作出如下行政处罚：警告，并处罚款人民币{amt3}万元。",
		"当事人如对本处罚决定不服，可以在收到本决定书之日起六十日内向县人民政府申请行政复议，也可以在六个月内依法向县人民法院提起行政诉讼。",
		"罚款应当自收到本决定书之日起十五日内缴至指定银行，逾期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款。",
		"我局严格落实行政执法公示制度、执法全过程记录制度和重大执法决定法制审核制度，全面规范行政执法行为。",
		"{Y}年共组织执法人员参加法律知识培训{n2}期，参训{nbig}人次，执法人员持证上岗率达到100%。",
		"本次“双随机、一公开”抽查共随机抽取检查对象{n}家，随机选派执法检查人员{n2}名，抽查结果已通过国家企业信用信息公示系统向社会公示。",
	},
	"approve": {
		"项目建设地点：县经济开发区{road}，建设规模及内容：主要建设{building}等，总建筑面积约{nbig}平方米。",
		"项目总投资{amt}亿元，资金来源为企业自筹。",
		"请你单位据此批复，抓紧办理规划、用地、环评等相关手续，按照有关规定组织项目建设。",
		"本批复文件自印发之日起有效期{n2}年，在有效期内未开工建设的，应在有效期届满前申请延期。",
		"{period}，我局共受理行政审批事项{nbig}件，办结{nbig}件，按时办结率100%，群众满意率{pct2}%以上。",
		"全面推行“一网通办”“最多跑一次”改革，审批事项网上可办率达到100%，平均审批时限压缩{pct}%。",
	},
	"emergency": {
		"演练模拟{hazard}突发情况，演练人员按照应急预案迅速启动应急响应，组织人员有序疏散，并现场开展了初期处置。",
		"演练结束后，{org}的工作人员对演练情况进行了点评，并现场讲解了灭火器、消防栓等消防器材的使用方法。",
		"各股室要深入开展安全隐患排查整治，重点检查办公场所用电、用火、用气安全，对发现的问题隐患，立即整改到位。",
		"要加强应急值守，严格执行24小时值班和领导带班制度，遇有重大突发事件，要第一时间报告，不得迟报、漏报、瞒报。",
		"要督促联系企业落实安全生产主体责任，加强对在建项目施工现场的安全检查，坚决防范和遏制重特大事故发生。",
		"此次检查共排查企业{n}家，发现安全隐患{n}处，已当场整改{n2}处，其余隐患已下达整改通知，限期整改。",
	},
	"build": {
		"项目自开工以来，施工单位倒排工期、挂图作战，科学组织施工，目前已完成{building}建设，工程形象进度达到{pct}%。",
		"{town}深入开展农村人居环境整治，累计清理垃圾{nbig}吨，整治沟渠{n}公里，新建改建农村户厕{nbig}户。",
		"项目建成后，将有效改善周边群众出行条件，进一步完善县城路网结构，提升城市承载能力。",
		"施工期间，请过往车辆和行人注意绕行，由此带来的不便，敬请谅解。",
		"县住建、自然资源、生态环境等部门要加强协调配合，及时解决项目建设中的用地、规划、环评等问题。",
	},
}

// catPools: for each category, the specific pools and the percentage of
// sentences drawn from them (the rest come from "general").
var catPools = map[string]struct {
	pools   []string
	percent int
}{
	"机构概况":       {[]string{"org"}, 85},
	"法律法规":       {nil, 0},
	"规范性文件":      {[]string{"invest"}, 30},
	"工作动态":       {[]string{"invest"}, 50},
	"行政事业收费":     {[]string{"finance"}, 80},
	"政府采购与工程招投标": {[]string{"procure"}, 85},
	"行政执法":       {[]string{"enforce"}, 75},
	"行政审批":       {[]string{"approve", "invest"}, 70},
	"应急管理":       {[]string{"emergency"}, 65},
	"城乡建设":       {[]string{"build", "invest"}, 65},
}

var clauseTpl = []string{
	"为了规范{T}工作，提高工作质量和效率，保护投资者合法权益，根据《{law}》等法律法规，结合本县实际，制定本办法。",
	"本办法适用于本县行政区域内的{T}活动。法律、法规另有规定的，从其规定。",
	"县招商局负责全县{T}工作的统筹协调和监督管理，具体工作由{DEPT}承担。",
	"各乡镇人民政府（街道办事处）、县直各有关单位应当按照各自职责，做好{T}相关工作。",
	"{T}工作应当遵循依法依规、公开透明、公平公正和便民高效的原则。",
	"行政机关应当建立健全{T}工作制度，明确工作机构和人员，加强工作人员培训，提高业务水平。",
	"对符合条件的项目，县招商局应当自受理之日起{n2}个工作日内作出决定；不符合条件的，应当书面告知申请人并说明理由。",
	"有关单位和个人应当如实提供相关材料，并对材料的真实性负责。提供虚假材料的，依法依规追究责任。",
	"县招商局应当定期对{T}工作情况进行监督检查，发现问题及时督促整改。",
	"违反本办法规定的，由有关部门依法依规予以处理；构成犯罪的，依法追究刑事责任。",
	"工作人员在{T}工作中玩忽职守、滥用职权、徇私舞弊的，依法给予处分。",
	"本办法由县招商局负责解释。",
}

// ---------------------------------------------------------------- article

type article struct {
	r      *rng
	cat    category
	date   time.Time
	ctx    map[string]string
	used   map[string]bool
	author int // which of the department's three authors wrote it
}

func (a *article) company() string {
	return a.r.pick(bank["coname"]) + a.r.pick(bank["cokind"]) + a.r.pick(bank["cosuffix"])
}

func (a *article) project(co string) string {
	r := a.r
	switch r.intn(4) {
	case 0:
		return co + "年产" + strconv.Itoa(r.between(1, 50)*10) + "万" + r.pick(bank["unit"]) + r.pick(bank["product"]) + "项目"
	case 1:
		return "县经济开发区" + r.pick(bank["industry"]) + "产业园" + cnNum(r.between(1, 3)) + "期工程"
	case 2:
		return r.pick(bank["town"]) + "污水处理厂提标改造工程"
	default:
		return "县经济开发区" + r.pick(bank["road"]) + "标准化厂房建设项目"
	}
}

// slot returns the text for one {name} in a template.
func (a *article) slot(name string) string {
	if v, ok := a.ctx[name]; ok {
		return v
	}
	r := a.r
	switch name {
	case "n":
		return strconv.Itoa(r.between(2, 60))
	case "n2":
		return strconv.Itoa(r.between(2, 20))
	case "nbig":
		return strconv.Itoa(r.between(100, 3000))
	case "amt":
		return fmt.Sprintf("%d.%d", r.between(1, 49), r.intn(10))
	case "amt2":
		return fmt.Sprintf("%d.%d", r.between(0, 29), r.between(1, 9))
	case "amt3":
		return fmt.Sprintf("%d.%02d", r.between(5, 900), r.intn(100))
	case "pct":
		return fmt.Sprintf("%d.%d", r.between(1, 35), r.intn(10))
	case "pct2":
		return strconv.Itoa(r.between(95, 99))
	case "month":
		return strconv.Itoa(r.between(1, 12))
	case "usc":
		return fmt.Sprintf("%016d", r.next()%1e16)
	case "co":
		return a.company()
	case "person":
		return r.pick(people[6:])
	case "dept":
		return r.pick(departments)
	case "cn":
		return cnNum(r.between(2, 60))
	case "nextyear":
		return strconv.Itoa(a.date.Year() + 1)
	}
	if xs, ok := bank[name]; ok {
		return r.pick(xs)
	}
	panic("unknown slot " + name)
}

func (a *article) expand(tpl string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(tpl, '{')
		if i < 0 {
			b.WriteString(tpl)
			return b.String()
		}
		j := strings.IndexByte(tpl[i:], '}')
		b.WriteString(tpl[:i])
		b.WriteString(a.slot(tpl[i+1 : i+j]))
		tpl = tpl[i+j+1:]
	}
}

func hanCount(s string) int {
	n := 0
	for _, c := range s {
		if unicode.Is(unicode.Han, c) {
			n++
		}
	}
	return n
}

// sentence picks a body template for the article's category, avoiding
// templates already used in this article while unused ones remain.
func (a *article) sentence() string {
	r := a.r
	pool := pools["general"]
	if cp := catPools[a.cat.Name]; len(cp.pools) > 0 && r.chance(cp.percent) {
		pool = pools[cp.pools[r.intn(len(cp.pools))]]
	}
	for try := 0; try < 8; try++ {
		t := pool[r.intn(len(pool))]
		if !a.used[t] {
			a.used[t] = true
			return t
		}
	}
	return pool[r.intn(len(pool))]
}

var ordinals = []string{"一是", "二是", "三是", "四是", "五是", "六是"}

var ordinalPoints = []string{
	"提高政治站位，强化责任担当。", "聚焦重点任务，狠抓工作落实。", "加强统筹协调，形成工作合力。",
	"严格督查考核，确保取得实效。", "优化服务保障，营造良好环境。", "加强队伍建设，提升履职能力。",
}

type features struct{ table, list, link, bold bool }

func (a *article) body() (string, features) {
	r := a.r
	var f features
	target := r.between(600, 2350) // Han characters in the whole body

	// Optional table, list and link blocks come first, so that the
	// paragraphs can make up the rest of the target.
	var extras []string
	extraHan := 0
	if r.chance(25) {
		extras = append(extras, a.table())
		f.table = true
	}
	if r.chance(40) {
		extras = append(extras, a.list())
		f.list = true
	}
	for _, e := range extras {
		extraHan += hanCount(e)
	}
	var link string
	if r.chance(35) {
		link = a.link()
		extraHan += hanCount(link)
		f.link = true
	}
	signature := ""
	if r.chance(40) {
		// signature block (落款) with a hard line break
		signature = "县招商局  \n" + a.date.Format("2006年1月2日")
		extraHan += hanCount(signature)
	}
	ptarget := target - extraHan
	if ptarget < 300 {
		ptarget = 300
	}

	paras := ptarget/250 + r.between(-1, 2)
	if paras < 3 {
		paras = 3
	}
	if paras > 10 {
		paras = 10
	}
	per := ptarget / paras
	legal := a.cat.Name == "法律法规" || a.cat.Name == "规范性文件"
	legal = legal && r.chance(60)

	var blocks []string
	total := 0
	clause := 1
	boldPara := -1
	if !legal && r.chance(50) {
		boldPara = r.between(1, paras-1)
	}
	for p := 0; p < paras; p++ {
		var sb strings.Builder
		n := 0
		if legal {
			sb.WriteString("**第" + cnNum(clause) + "条**　")
			clause++
		}
		if p == 0 && !legal {
			s := a.expand(r.pick(openTpl[a.cat.Name]))
			sb.WriteString(s)
			n += hanCount(s)
		}
		k := 0
		for n < per && total+n < ptarget {
			var s string
			if legal {
				s = a.expand(clauseTpl[r.intn(len(clauseTpl))])
			} else {
				s = a.expand(a.sentence())
			}
			if p == boldPara && k < len(ordinals) {
				s = "**" + ordinals[k] + ordinalPoints[(k+p)%len(ordinalPoints)] + "**" + s
				f.bold = true
			}
			sb.WriteString(s)
			n += hanCount(s)
			k++
		}
		total += n
		blocks = append(blocks, sb.String())
		if total >= ptarget {
			break
		}
	}
	if legal {
		f.bold = true // clause numbers are bold
	}

	// Put the table and list between paragraphs, the link and signature last.
	for _, e := range extras {
		at := 1
		if len(blocks) > 2 {
			at = r.between(1, len(blocks)-1)
		}
		blocks = append(blocks[:at], append([]string{e}, blocks[at:]...)...)
	}
	if link != "" {
		blocks = append(blocks, link)
	}
	if signature != "" {
		blocks = append(blocks, signature)
	}
	return strings.Join(blocks, "\n\n") + "\n", f
}

func (a *article) table() string {
	r := a.r
	var head []string
	var row func(i int) []string
	switch a.cat.Name {
	case "行政事业收费":
		head = []string{"序号", "收费项目", "收费标准", "收费依据", "备注"}
		row = func(i int) []string {
			return []string{strconv.Itoa(i), r.pick([]string{"档案查询费", "证照工本费", "信息资料费", "场地使用费"}),
				a.slot("n") + "元/次", "《" + a.slot("law") + "》", r.pick([]string{"", "减半收取", "暂停征收"})}
		}
	case "政府采购与工程招投标":
		head = []string{"序号", "标段（包）名称", "供应商名称", "中标金额（万元）", "服务期限"}
		row = func(i int) []string {
			return []string{strconv.Itoa(i), "第" + cnNum(i) + "包", a.company(), a.slot("amt3"), a.slot("n2") + "个月"}
		}
	case "行政执法":
		head = []string{"执法类别", "件数（件）", "同比（%）", "罚没金额（万元）"}
		row = func(i int) []string {
			return []string{r.pick([]string{"行政检查", "行政处罚", "行政强制", "行政许可"}), a.slot("n"), a.slot("pct"), a.slot("amt3")}
		}
	case "工作动态", "城乡建设", "行政审批":
		head = []string{"序号", "项目名称", "投资主体", "总投资（亿元）", "进展情况"}
		row = func(i int) []string {
			co := a.company()
			return []string{strconv.Itoa(i), a.project(co), co, a.slot("amt"), r.pick([]string{"已签约", "已开工", "主体完工", "设备安装", "已投产"})}
		}
	default:
		head = []string{"序号", "工作任务", "责任股室", "完成时限"}
		row = func(i int) []string {
			return []string{strconv.Itoa(i), "做好" + a.slot("topic") + "工作", r.pick(departments), a.slot("month") + "月底前"}
		}
	}
	var b strings.Builder
	b.WriteString("| " + strings.Join(head, " | ") + " |\n|")
	for range head {
		b.WriteString(" --- |")
	}
	b.WriteString("\n")
	rows := r.between(3, 8)
	for i := 1; i <= rows; i++ {
		b.WriteString("| " + strings.Join(row(i), " | ") + " |\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

func (a *article) list() string {
	r := a.r
	items := r.between(3, 6)
	ordered := r.chance(50)
	var b strings.Builder
	for i := 1; i <= items; i++ {
		if ordered {
			b.WriteString(strconv.Itoa(i) + ". ")
		} else {
			b.WriteString("- ")
		}
		switch r.intn(4) {
		case 0:
			b.WriteString(a.expand("完善{topic}工作机制，建立健全工作台账；"))
		case 1:
			b.WriteString(a.expand("由{DEPT}牵头，做好{topic}相关工作，{month}月底前完成；"))
		case 2:
			b.WriteString(a.expand("联系人：{LEADERNAME}，联系电话：0{phone}；"))
		default:
			b.WriteString(a.expand("加强对{co}等重点企业的跟踪服务，协调解决{problem}问题；"))
		}
		b.WriteString("\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

func (a *article) link() string {
	r := a.r
	switch r.intn(3) {
	case 0:
		return a.expand("相关链接：[《{law}》](https://www.example.gov.cn/zcfg/" + a.ctx["SLUG"] + ".html)")
	case 1:
		return "原文链接：[" + a.ctx["TITLE"] + "](https://www.example.gov.cn/xxgk/" + a.ctx["Y"] + "/" + a.ctx["SLUG"] + ".html)"
	default:
		return a.expand("联系电话：0{phone}，电子邮箱：[zsj@example.gov.cn](mailto:zsj@example.gov.cn)")
	}
}

func weightedCategory(r *rng) category {
	total := 0
	for _, c := range categories {
		total += c.Weight
	}
	x := r.intn(total)
	for _, c := range categories {
		if x < c.Weight {
			return c
		}
		x -= c.Weight
	}
	return categories[len(categories)-1]
}

var epoch = time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)

// 2023-01-01 .. 2026-11-30: the last deadlines (20 working days after 签发)
// fall in 2026, whose holiday schedule the calendar knows.
const days = 1430

func yamlQuote(s string) string {
	// Titles contain no control characters; strconv.Quote keeps CJK as is and
	// its escapes (\" and \\) are valid in a YAML double-quoted scalar.
	return strconv.Quote(s)
}

type stat struct {
	han                     int
	table, list, link, bold bool
}

// doc is one generated article: its path under content/, its gongkai and Hugo
// files, and what its body holds.
type doc struct {
	rel           string
	gongkai, hugo []byte
	st            stat
}

// makeArticle makes article i and, for a 规范性文件, its 政策解读 (interprets:
// the policy, signed the same days). serial is the 索引号 serial within its
// year: index numbers have five digits per year, so they are counted per year
// (in article order) rather than taken from i, which passes 99,999 on the
// largest corpora.
func makeArticle(seed uint64, i int, serial func(year int) int) []doc {
	r := &rng{s: seed*0x9e3779b97f4a7c15 ^ uint64(i)*0xd1b54a32d192ed03}
	r.next()
	a := &article{r: r, ctx: map[string]string{}, used: map[string]bool{}}
	a.cat = weightedCategory(r)
	a.date = epoch.AddDate(0, 0, r.intn(days))
	y := a.date.Year()
	dept := r.pick(departments)
	leaderName := r.pick(people[6:])
	co := a.company()
	a.ctx["Y"] = strconv.Itoa(y)
	a.ctx["Q"] = quarters[(int(a.date.Month())-1)/3]
	a.ctx["MD"] = fmt.Sprintf("%d月%d日", a.date.Month(), a.date.Day())
	a.ctx["T"] = r.pick(bank["topic"])
	a.ctx["DEPT"] = dept
	a.ctx["LEADERNAME"] = leaderName
	a.ctx["LEADER"] = r.pick(bank["position"]) + leaderName
	a.ctx["CO"] = co
	a.ctx["PRJ"] = a.project(co)
	a.ctx["phone"] = fmt.Sprintf("%03d-%07d", r.between(310, 999), r.intn(10000000))
	title := a.expand(r.pick(titleTpl[a.cat.Name]))
	slug := fmt.Sprintf("%s-%s-%05d", a.cat.Slug, a.date.Format("20060102"), i)
	a.ctx["TITLE"] = title
	a.ctx["SLUG"] = slug

	// tags: 1-4 distinct, category pool plus one topic tag now and then
	pool := append([]string(nil), tagPool[a.cat.Name]...)
	if r.chance(40) {
		pool = append(pool, a.ctx["T"])
	}
	ntags := r.between(1, 4)
	if ntags > len(pool) {
		ntags = len(pool)
	}
	var tags []string
	seen := map[string]bool{}
	for len(tags) < ntags {
		t := r.pick(pool)
		if !seen[t] {
			seen[t] = true
			tags = append(tags, t)
		}
	}

	body, f := a.body()
	a.author = r.intn(3)
	kind := "政策文件"
	if a.cat.Name == "工作动态" {
		kind = "综合信息"
	}

	policy := a.file(title, a.cat, slug, kind, "", tags, body, f, serial)
	if a.cat.Name != "规范性文件" {
		return []doc{policy}
	}
	jd, jf := a.body()
	jdTitle := "《" + title + "》政策解读"
	if l, r := strings.Index(title, "《"), strings.Index(title, "》"); l >= 0 && r > l {
		jdTitle = title[l:r+len("》")] + "政策解读"
	}
	interprets := "../../" + a.cat.Slug + "/" + a.ctx["Y"] + "/" + slug + ".md"
	return []doc{policy, a.file(jdTitle, categories[len(categories)-1], slug+"-jd", kind, interprets, tags, jd, jf, serial)}
}

// file writes one article's gongkai and Hugo files.
func (a *article) file(title string, cat category, slug, kind, interprets string, tags []string, body string, f features, serial func(year int) int) doc {
	sign := a.date // 签发 = generation date
	y := a.date.Year()
	d := func(t time.Time) string { return t.Format("2006-01-02") }
	dept := a.ctx["DEPT"]
	di := departmentIndex(dept)
	author := authorsOf(di)[a.author]

	var g strings.Builder // gongkai front matter
	g.WriteString("---\n")
	g.WriteString("title: " + yamlQuote(title) + "\n")
	g.WriteString("department: " + dept + "\n")
	g.WriteString("category: " + cat.Name + "\n")
	g.WriteString("kind: " + kind + "\n")
	g.WriteString("authors: [" + author + "]\n")
	g.WriteString("disclosure: 主动公开\n")
	if kind != "政策文件" {
		fmt.Fprintf(&g, "event: {date: %s, name: 工作会议}\n", d(sign.AddDate(0, 0, -2)))
	}
	if interprets != "" {
		g.WriteString("interprets: " + interprets + "\n")
	}
	sn := serial(y)
	fmt.Fprintf(&g, "index_no: %s/%d-%05d\n", orgCode, y, sn)
	g.WriteString("tags: [" + strings.Join(tags, ", ") + "]\n")
	g.WriteString("review:\n")
	fmt.Fprintf(&g, "  content: {by: %s, at: %s, opinion: 公开}\n", headOf(di), d(sign.AddDate(0, 0, -1)))
	fmt.Fprintf(&g, "  secrecy: {by: %s, at: %s, result: 不涉密}\n", secrecyOfficer, d(sign.AddDate(0, 0, -1)))
	fmt.Fprintf(&g, "  release: {by: %s, at: %s, disclosure: 主动公开}\n", leaderOf(di), d(sign))
	fmt.Fprintf(&g, "  signoff: {by: %s, at: %s}\n", principal, d(sign))
	fmt.Fprintf(&g, "  entry: {by: %s, at: %s}\n", entryClerk, d(sign.AddDate(0, 0, 1)))
	fmt.Fprintf(&g, "  verify: {by: %s, at: %s}\n", entryClerk, d(sign.AddDate(0, 0, 1)))
	g.WriteString("---\n\n")
	g.WriteString(body)

	var h strings.Builder // Hugo front matter, same facts
	h.WriteString("---\n")
	h.WriteString("title: " + yamlQuote(title) + "\n")
	h.WriteString("date: " + d(sign) + "\n")
	h.WriteString("department: [" + dept + "]\n")
	h.WriteString("category: [" + cat.Name + "]\n")
	h.WriteString("tags: [" + strings.Join(tags, ", ") + "]\n")
	fmt.Fprintf(&h, "index_no: %s/%d-%05d\n", orgCode, y, sn)
	h.WriteString("---\n\n")
	h.WriteString(body)

	return doc{
		rel:     filepath.Join(cat.Slug, strconv.Itoa(y), slug+".md"),
		gongkai: []byte(g.String()),
		hugo:    []byte(h.String()),
		st:      stat{han: hanCount(body), table: f.table, list: f.list, link: f.link, bold: f.bold},
	}
}

// The agency behind the corpus: every name used in front matter is declared in
// gongkai.yaml, heads and leaders differ from authors, so every chain is valid.
const (
	orgCode        = "11330782MB1234567X"
	secrecyOfficer = "王五"
	principal      = "钱七"
	entryClerk     = "孙八"
)

func departmentIndex(name string) int {
	for i, n := range departments {
		if n == name {
			return i
		}
	}
	panic("unknown department " + name)
}

// people[6:] are staff: department i has head people[6+i], authors drawn from
// the staff after the heads, and one of two deputies as its leader.
func headOf(dept int) string   { return people[6+dept] }
func leaderOf(dept int) string { return []string{"赵六", "李四"}[dept%2] }
func authorsOf(dept int) []string {
	staff := people[6+len(departments):]
	return []string{staff[dept%len(staff)], staff[(dept+7)%len(staff)], staff[(dept+13)%len(staff)]}
}

func gongkaiYAML() string {
	var b strings.Builder
	b.WriteString("site:\n  title: 某某县招商局政府信息公开\n  base_url: https://zsj.example.gov.cn/\n  language: zh-CN\n  timezone: Asia/Shanghai\n")
	b.WriteString("  org_code: " + orgCode + "\n  permalink: /:year/:slug/\n")
	b.WriteString("departments:\n")
	for i, n := range departments {
		fmt.Fprintf(&b, "  - {name: %s, head: %s, leader: %s}\n", n, headOf(i), leaderOf(i))
	}
	b.WriteString("people:\n")
	declared := map[string]bool{}
	person := func(name, extra string) {
		if declared[name] {
			return
		}
		declared[name] = true
		fmt.Fprintf(&b, "  - {name: %s, email: p%d@example.gov.cn%s}\n", name, len(declared), extra)
	}
	person(secrecyOfficer, ", roles: [secrecy]")
	person(principal, ", roles: [principal]")
	person("赵六", ", roles: [deputy]")
	person("李四", ", roles: [deputy]")
	person(entryClerk, ", roles: [entry]")
	for i, n := range departments {
		person(headOf(i), ", department: "+n)
		for _, a := range authorsOf(i) {
			person(a, ", department: "+n)
		}
	}
	b.WriteString("categories: [")
	for i, c := range categories {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(c.Name)
	}
	b.WriteString("]\n")
	b.WriteString("kinds:\n  - {name: 综合信息, deadline: 5}\n  - {name: 政策文件}\n")
	return b.String()
}

func main() {
	n := flag.Int("n", 1000, "number of articles")
	out := flag.String("out", "corpus", "output directory (created; existing files with the same names are overwritten)")
	seed := flag.Uint64("seed", 1, "seed; the same seed and n give byte-identical output")
	quiet := flag.Bool("q", false, "do not print the summary")
	flag.Parse()

	gk := filepath.Join(*out, "gongkai")
	hg := filepath.Join(*out, "hugo")
	for _, c := range categories {
		dir := filepath.Join(hg, "content", c.Slug)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fatal(err)
		}
		idx := "---\ntitle: " + c.Name + "\n---\n"
		if err := os.WriteFile(filepath.Join(dir, "_index.md"), []byte(idx), 0o644); err != nil {
			fatal(err)
		}
	}
	if err := os.MkdirAll(gk, 0o755); err != nil {
		fatal(err)
	}
	if err := os.WriteFile(filepath.Join(gk, "gongkai.yaml"), []byte(gongkaiYAML()), 0o644); err != nil {
		fatal(err)
	}
	var hans []int
	var bytes int64
	var nt, nl, nk, nb int
	dirs := map[string]bool{}
	write := func(p string, content []byte) {
		d := filepath.Dir(p)
		if !dirs[d] {
			if err := os.MkdirAll(d, 0o755); err != nil {
				fatal(err)
			}
			dirs[d] = true
		}
		if err := os.WriteFile(p, content, 0o644); err != nil {
			fatal(err)
		}
	}
	account := func(content []byte, st stat) {
		hans = append(hans, st.han)
		bytes += int64(len(content))
		if st.table {
			nt++
		}
		if st.list {
			nl++
		}
		if st.link {
			nk++
		}
		if st.bold {
			nb++
		}
		if !utf8.Valid(content) {
			fatal(fmt.Errorf("article %d: invalid UTF-8", len(hans)))
		}
	}
	perYear := map[int]int{}
	serial := func(y int) int { perYear[y]++; return perYear[y] }
	// Exactly n articles: a policy and its interpretation are written
	// together or not at all, and the corpus of n is a prefix of any larger one
	// but for its last policy.
	count, interpretations := 0, 0
	for i := 0; count < *n; i++ {
		docs := makeArticle(*seed, i, serial)
		if count+len(docs) > *n {
			continue
		}
		count += len(docs)
		interpretations += len(docs) - 1
		for _, d := range docs {
			write(filepath.Join(gk, "content", d.rel), d.gongkai)
			write(filepath.Join(hg, "content", d.rel), d.hugo)
			account(d.gongkai, d.st)
		}
	}
	if !*quiet && *n > 0 {
		sort.Ints(hans)
		fmt.Fprintf(os.Stderr, "gencorpus: %d articles (%d of them 政策解读), %d bytes, Han chars per article min %d median %d max %d; with table %d, list %d, link %d, bold %d\n",
			*n, interpretations, bytes, hans[0], hans[len(hans)/2], hans[len(hans)-1], nt, nl, nk, nb)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "gencorpus:", err)
	os.Exit(1)
}
