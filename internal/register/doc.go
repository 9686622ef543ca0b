// Package register reads the office's records kept beside the articles:
// the 依申请公开 register under requests/ and the annual report's inputs
// under annual/. None of it is ever published; build never reads it.
//
// # The register: requests/<year>/<name>.yaml
//
// One file per 政府信息公开申请, in the folder of the year it was received:
//
//	received: 2025-03-03            # 收到申请日期; the clock starts the next working day
//	applicant: {type: 自然人, name: 张某, contact: 电话 139…}
//	channel: 网络                   # 当面 | 信函 | 网络 | 传真 | 电子邮件 | 其他
//	request: 申请公开2024年招商引资项目清单
//	supplement: {asked: 2025-03-05, received: 2025-03-12}  # 补正: the clock restarts on received
//	extension: {at: 2025-03-24, days: 20, reason: 需协调第三方意见}  # 延期, at most 20 working days
//	reply: {at: 2025-03-20, result: 予以公开}
//	appeals:
//	  - {kind: 行政复议, at: 2025-05-06, result: 维持}
//	note: 内部备注
//
// received, applicant.type, channel and request are required. applicant.type
// is one of the template's columns: 自然人, 商业企业, 科研机构, 社会公益组织,
// 法律服务机构, 其他. reply.result is a row of table 三 (Results), written in
// full (不予公开/属于国家秘密) or by its part after the slash (属于国家秘密).
// appeals[].kind is 行政复议, 行政诉讼 (未经复议直接起诉) or 复议后起诉;
// appeals[].result is 维持, 纠正, 其他 or 尚未审结.
//
// The reply is due within 20 working days after the request was received
// (条例第三十三条), or after the 补正 was received (条例第三十条); while a
// 补正 is asked and not received the clock stands still. An extension adds
// `days` (default 20, at most 20) working days and must be decided before
// the deadline it extends.
//
// # Checks (Check)
//
//	GK080 error    the file cannot be read, an unknown key (did you mean …), a
//	               value of the wrong type, a required key missing
//	GK081 error    a value not among the choices (applicant type, channel,
//	               result, appeal kind or result)
//	GK082 error    a date that is not real, dates out of order, a date later
//	               than now
//	GK083 warning  replied later than the deadline
//	GK084 error    an extension longer than 20 working days, or decided after
//	               the deadline it extends
//	GK085 error    no reply and the deadline has passed
//	GK086 warning  no reply and the deadline falls within 5 working days
//	GK087 warning  the file is not in requests/<year of received>/, or the
//	               working-day calendar does not know a year it counts in;
//	               in annual/: a section the office does not write, an event
//	               dated outside its year, a file that is none of the three
//
// CheckAnnual applies GK080–GK087 to every year's files under annual/:
// unknown keys, negative figures, events without a date or a name.
//
// # The annual report's inputs: annual/
//
// annual/<year>.md is the office's text: an optional preamble, then the
// sections "## 一、总体情况", "## 五、存在的主要问题及改进情况" and
// "## 六、其他需要报告的事项" (Narrative). annual/<year>.yaml holds the
// figures gongkai cannot count (Figures): licensing, penalties,
// enforcement (本年处理决定数量) and fees (本年收费金额, 万元), each optional.
// annual/<year>-events.yaml lists the events the office expected reports on
// (Events), for 漏报 in the awards.
package register
