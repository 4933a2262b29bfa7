import { defineDict } from '../common/i18n.ts'

export const dict = defineDict({
  title: '坐席软电话', status: '状态', available: '可用', break: '小休', offline: '离线', on_call: '通话中', wrap_up: '话后整理',
  current: '当前：{state} {time}', wrapLeft: '话后整理剩余 {s} 秒', ready: '就绪', noCall: '暂无来电。设为“可用”后，来电将自动弹屏。',
  call: '通话', inbound: '呼入', outbound: '外呼', ringing: '振铃中', 'in-progress': '通话中', completed: '已结束', queued: '排队中', initiated: '呼叫中',
  answer: '接听', hangup: '挂断', hold: '保持', mute: '静音', transfer: '转客户经理', callback: '预约回访', callbackAt: '回访时间', schedule: '预约',
  noAudio: '模拟器模式：无语音，仅显示通话状态', audio: '语音已连接（Twilio）',
  customer: '客户视图', name: '姓名', tier: '星级', idNumber: '证件号码', phone: '手机号', altPhone: '第二联系电话', email: '邮箱', address: '地址',
  plan: '套餐', contractEnd: '合约到期', balance: '余额', arrears: '欠费月数', payment: '付费方式', accountManager: '客户经理',
  bills: '近12个月账单', reasons: '呼叫原因', history: '历史接触', workOrders: '未结工单', none: '无',
  script: '话术', next: '下一步', back: '上一步', restart: '从头开始',
  disposition: '通话小结', submit: '提交小结', required: '必填', saved: '小结已保存', noCustomer: '未识别的来电客户，无法提交小结',
  notDialableNow: '该客户此刻不可拨打（免打扰时段、拨打时段、勿扰名单、当日次数或频次上限）', campaignNotRunning: '该活动未在运行，不能拨打', lineNotConnected: '软电话未接通，请先设为“可用”', agentNotAvailable: '您当前不是“可用”状态',
  myQueue: '我的队列', dial: '拨打', skip: '跳过', priority: '优先级', queueUnavailable: '队列暂不可用', queueEmpty: '今天没有待拨打的客户',
  yuan: '元', chartLabel: '近12个月账单（元）：{list}', fieldRequired: '{field}为必填项',
  lineRinging: '软电话振铃中', lineUp: '软电话已接通', lineOpen: '连接软电话',
  wo_sent: '已派单', wo_accepted: '已接单', wo_returned: '已回单', wo_checked: '已审核',
}, {
  title: 'Softphone', status: 'Status', available: 'Available', break: 'Break', offline: 'Offline', on_call: 'On call', wrap_up: 'Wrap-up',
  current: 'Now: {state} {time}', wrapLeft: 'Wrap-up: {s} s left', ready: 'Ready', noCall: 'No call. Set "Available" and calls pop here.',
  call: 'Call', inbound: 'Inbound', outbound: 'Outbound', ringing: 'Ringing', 'in-progress': 'Connected', completed: 'Ended', queued: 'Queued', initiated: 'Dialing',
  answer: 'Answer', hangup: 'Hang up', hold: 'Hold', mute: 'Mute', transfer: 'Transfer to account manager', callback: 'Schedule callback', callbackAt: 'Callback time', schedule: 'Schedule',
  noAudio: 'Emulator mode: call states only, no audio', audio: 'Audio connected (Twilio)',
  customer: 'Customer 360', name: 'Name', tier: 'Tier', idNumber: 'ID number', phone: 'Mobile', altPhone: 'Second number', email: 'E-mail', address: 'Address',
  plan: 'Package', contractEnd: 'Contract end', balance: 'Balance', arrears: 'Unpaid months', payment: 'Payment', accountManager: 'Account manager',
  bills: 'Bills, last 12 months', reasons: 'Why we call', history: 'Previous contacts', workOrders: 'Open work orders', none: 'None',
  script: 'Script', next: 'Next', back: 'Back', restart: 'Start over',
  disposition: 'Disposition', submit: 'Submit', required: 'required', saved: 'Disposition saved', noCustomer: 'Unknown caller: no disposition possible',
  notDialableNow: 'This customer may not be called now (quiet hours, calling window, do-not-call, attempt or frequency limit)', campaignNotRunning: 'This campaign is not running', lineNotConnected: 'Your softphone line is not connected: go available first', agentNotAvailable: 'You are not available',
  myQueue: 'My queue', dial: 'Dial', skip: 'Skip', priority: 'Priority', queueUnavailable: 'Queue not available yet', queueEmpty: 'Nobody to call today',
  yuan: 'yuan', chartLabel: 'Bills, last 12 months (yuan): {list}', fieldRequired: '{field} is required',
  lineRinging: 'Softphone ringing', lineUp: 'Softphone connected', lineOpen: 'Connect softphone',
  wo_sent: 'sent', wo_accepted: 'accepted', wo_returned: 'returned', wo_checked: 'checked',
})

export type T = (key: keyof (typeof dict)['zh-CN'], vars?: Record<string, string | number>) => string
