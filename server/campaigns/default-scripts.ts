// The zh-CN call scripts the default campaigns start with (admins edit them afterwards).
// Every script opens with the greeting; {客户姓名} {经理姓名} {套餐} {到期日} are filled per call.
import type { Script } from './schemas.ts'

const GREETING = '{客户姓名}您好！我是您的电话经理{经理姓名}，很高兴为您服务。请问现在方便接听吗？'
const CLOSE = { id: 'close', text: '感谢您的接听，祝您生活愉快，再见！', branches: [] }
const LATER = { id: 'later', text: '好的，不打扰您了。请问什么时间方便再联系您？（记录预约回访时间）', branches: [{ label: '已记录', next: 'close' }] }

function greeting(next: string) {
  return { id: 'greeting', text: GREETING, branches: [{ label: '方便', next }, { label: '不方便', next: 'later' }] }
}

export const SERVICE_CARE_SCRIPT: Script = {
  steps: [
    greeting('purpose'),
    { id: 'purpose', text: '今天联系您是想关心一下您的账户情况。', branches: [
      { label: '生日关怀', next: 'birthday' }, { label: '欠费提醒', next: 'arrears' }, { label: '停机', next: 'suspension' },
    ] },
    { id: 'birthday', text: '{客户姓名}，提前祝您生日快乐！感谢您一直以来对我们的支持。', branches: [{ label: '结束', next: 'close' }] },
    { id: 'arrears', text: '温馨提醒：您的账户余额不足或有未缴话费。您可以通过营业厅、网上营业厅或手机App随时缴费，最方便的是App一键缴费。', branches: [
      { label: '会尽快缴费', next: 'close' }, { label: '有疑问', next: 'question' },
    ] },
    { id: 'suspension', text: '我们注意到您的号码目前处于停机状态，缴费后即可恢复使用。需要我为您介绍缴费方式吗？', branches: [
      { label: '需要', next: 'arrears' }, { label: '不需要', next: 'close' },
    ] },
    { id: 'question', text: '请您讲，我来为您查询并解答。（如需客户经理跟进，请派工单）', branches: [{ label: '已解答', next: 'close' }] },
    LATER,
    CLOSE,
  ],
}

export const RETENTION_SCRIPT: Script = {
  steps: [
    greeting('reason'),
    { id: 'reason', text: '您目前使用的是{套餐}，合约将于{到期日}到期。最近您的使用情况有些变化，想了解一下您对我们的服务是否满意？', branches: [
      { label: '满意', next: 'offer' }, { label: '不满意', next: 'concern' }, { label: '考虑换网', next: 'competitor' },
    ] },
    { id: 'concern', text: '非常抱歉给您带来不好的体验，能具体说说是哪方面的问题吗？（信号、资费、服务）', branches: [{ label: '已记录', next: 'offer' }] },
    { id: 'competitor', text: '请问是其他运营商给了您什么优惠吗？（记录竞争对手信息）', branches: [{ label: '已记录', next: 'offer' }] },
    { id: 'offer', text: '作为我们的老客户，现在续约可以享受专属优惠：话费折扣和流量加赠。您看是否愿意了解一下？', branches: [
      { label: '接受', next: 'accept' }, { label: '再考虑', next: 'later' }, { label: '拒绝', next: 'close' },
    ] },
    { id: 'accept', text: '好的，我马上为您办理，办理完成后会短信通知您。', branches: [{ label: '已办理', next: 'close' }] },
    LATER,
    CLOSE,
  ],
}

export const NEW_SUBSCRIBER_SCRIPT: Script = {
  steps: [
    greeting('welcome'),
    { id: 'welcome', text: '欢迎您加入！您办理的是{套餐}，这次回访想了解一下您的使用感受。', branches: [
      { label: '使用正常', next: 'tips' }, { label: '有问题', next: 'problem' },
    ] },
    { id: 'problem', text: '请您描述一下遇到的问题，我来帮您处理。（需上门请派工单给客户经理）', branches: [{ label: '已处理', next: 'tips' }] },
    { id: 'tips', text: '温馨提示：您可以通过手机App查询话费和流量，有任何问题都可以直接联系我。', branches: [{ label: '结束', next: 'close' }] },
    LATER,
    CLOSE,
  ],
}

export const RELATIONSHIP_SCRIPT: Script = {
  steps: [
    greeting('intro'),
    { id: 'intro', text: '我是您的专属电话经理{经理姓名}，以后您的业务问题可以直接找我。为了更好地服务您，想核实一下您的资料。', branches: [
      { label: '同意核实', next: 'profile' }, { label: '不愿提供', next: 'close' },
    ] },
    { id: 'profile', text: '请问您的姓名、证件类型和号码、常用地址，以及第二联系电话是？（填写表单中的五项基本资料）', branches: [{ label: '已记录', next: 'needs' }] },
    { id: 'needs', text: '您目前使用{套餐}，最近有什么需要我们帮忙的吗？', branches: [{ label: '没有', next: 'close' }, { label: '有需求', next: 'workorder' }] },
    { id: 'workorder', text: '好的，我会请您的客户经理跟进处理。（派工单）', branches: [{ label: '已派单', next: 'close' }] },
    LATER,
    CLOSE,
  ],
}

export const SURVEY_SCRIPT: Script = {
  steps: [
    greeting('survey'),
    { id: 'survey', text: '想占用您一分钟，对您的电话经理{经理姓名}上个月的服务做个满意度评价：非常满意、满意、一般还是不满意？', branches: [
      { label: '已评价', next: 'suggest' }, { label: '不愿参与', next: 'close' },
    ] },
    { id: 'suggest', text: '您对我们的服务还有什么建议吗？', branches: [{ label: '已记录', next: 'close' }] },
    LATER,
    CLOSE,
  ],
}
