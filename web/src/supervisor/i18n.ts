import { defineDict } from '../common/i18n.ts'

export const dict = defineDict({
  title: '班长监控大屏', updated: '更新于 {time}', campaigns: '活动', campaign: '活动', status: '状态', running: '运行中', paused: '已暂停', stopped: '已停止',
  mode: '拨号模式', preview: '预览', progressive: '渐进', ratio: '固定比例', predictive: '预测',
  depth: '队列深度', inFlight: '在途呼叫', dialRatio: '拨号比', answerRate: '接通率', machineRate: '语音信箱率', abandonRate: '放弃率', target: '目标',
  today: '今日', days30: '近30天', byReason: '按原因的队列深度', controls: '控制', pause: '暂停', resume: '恢复', apply: '应用',
  abandonTarget: '放弃率目标（%）', windows: '拨打时段', windowsHint: '如 09:30-11:30, 14:30-16:40', saved: '已保存（已记录审计）',
  teams: '班组', agents: '坐席', agent: '坐席', team: '班组', state: '状态', timeInState: '状态时长', customer: '当前客户',
  available: '可用', on_call: '通话中', wrap_up: '话后整理', break: '小休', offline: '离线',
  listen: '监听', whisper: '耳语', barge: '强插', inbound: '呼入服务水平', inboundDetail: '{n}/{total} 个来电在 {s} 秒内接听',
  depthChart: '今日队列深度', chartLabel: '今日队列深度，共 {n} 个采样点，最新 {last}', noData: '暂无数据', connecting: '正在连接…',
}, {
  title: 'Supervisor wallboard', updated: 'Updated {time}', campaigns: 'Campaigns', campaign: 'Campaign', status: 'Status', running: 'Running', paused: 'Paused', stopped: 'Stopped',
  mode: 'Dial mode', preview: 'Preview', progressive: 'Progressive', ratio: 'Fixed ratio', predictive: 'Predictive',
  depth: 'Queue depth', inFlight: 'Calls in flight', dialRatio: 'Dial ratio', answerRate: 'Answer rate', machineRate: 'Machine rate', abandonRate: 'Abandon rate', target: 'Target',
  today: 'Today', days30: '30 days', byReason: 'Queue depth by reason', controls: 'Controls', pause: 'Pause', resume: 'Resume', apply: 'Apply',
  abandonTarget: 'Abandon target (%)', windows: 'Calling windows', windowsHint: 'e.g. 09:30-11:30, 14:30-16:40', saved: 'Saved (audited)',
  teams: 'Teams', agents: 'Agents', agent: 'Agent', team: 'Team', state: 'State', timeInState: 'Time in state', customer: 'Current customer',
  available: 'Available', on_call: 'On call', wrap_up: 'Wrap-up', break: 'Break', offline: 'Offline',
  listen: 'Listen', whisper: 'Whisper', barge: 'Barge', inbound: 'Inbound service level', inboundDetail: '{n}/{total} calls answered within {s} s',
  depthChart: 'Queue depth today', chartLabel: 'Queue depth today, {n} samples, latest {last}', noData: 'No data yet', connecting: 'Connecting…',
})

export type T = (key: keyof (typeof dict)['zh-CN'], vars?: Record<string, string | number>) => string
