import { defineDict } from '../common/i18n.ts'

export const dict = defineDict({
  title: '系统管理', rules: '预警规则', campaigns: '活动与话术', agents: '坐席与AB角', imports: '数据导入',
  code: '代码', name: '名称', enabled: '启用', weight: '权重', campaign: '活动', thresholds: '阈值（JSON）', validity: '有效期', save: '保存', saved: '已保存',
  unavailable: '此功能的接口尚未启用', invalidJson: '{field} 不是有效的 JSON：{message}',
  status: '状态', mode: '拨号模式', wrapSeconds: '话后整理（秒）', script: '话术（JSON）', form: '小结表单（JSON）', preview: '预览', steps: '话术步骤', fields: '表单字段', chooseCampaign: '选择活动',
  username: '用户名', role: '角色', branch: '分公司', team: '班组', partner: 'AB角', active: '在岗', none: '无',
  agentsFile: '坐席文件（agents.csv）', customersFile: '客户文件（customers.csv）', usageFile: '账单文件（usage.csv）', upload: '开始导入',
  progress: '导入进度', processed: '已处理 {n} 行', counts: '新增 {imported}，更新 {updated}，拒绝 {rejected}', report: '错误报告', file: '文件', line: '行', field: '字段', message: '说明',
  running: '进行中', succeeded: '已完成', failed: '失败', pickFile: '请至少选择一个文件',
}, {
  title: 'Administration', rules: 'Warning rules', campaigns: 'Campaigns and scripts', agents: 'Agents and A/B partners', imports: 'Imports',
  code: 'Code', name: 'Name', enabled: 'Enabled', weight: 'Weight', campaign: 'Campaign', thresholds: 'Thresholds (JSON)', validity: 'Valid', save: 'Save', saved: 'Saved',
  unavailable: 'This API is not available yet', invalidJson: '{field} is not valid JSON: {message}',
  status: 'Status', mode: 'Dial mode', wrapSeconds: 'Wrap-up (s)', script: 'Script (JSON)', form: 'Disposition form (JSON)', preview: 'Preview', steps: 'Script steps', fields: 'Form fields', chooseCampaign: 'Campaign',
  username: 'Username', role: 'Role', branch: 'Branch', team: 'Team', partner: 'A/B partner', active: 'Active', none: 'None',
  agentsFile: 'Agents file (agents.csv)', customersFile: 'Customers file (customers.csv)', usageFile: 'Usage file (usage.csv)', upload: 'Start import',
  progress: 'Import progress', processed: '{n} rows processed', counts: '{imported} new, {updated} updated, {rejected} rejected', report: 'Error report', file: 'File', line: 'Line', field: 'Field', message: 'Message',
  running: 'running', succeeded: 'done', failed: 'failed', pickFile: 'Choose at least one file',
})

export type T = (key: keyof (typeof dict)['zh-CN'], vars?: Record<string, string | number>) => string
