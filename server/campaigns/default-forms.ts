// The disposition form the default campaigns start with: outcome (with a callback time
// for 预约回访), notes, the five basic profile fields, competitor information and a work
// order for the account manager. The survey adds its satisfaction question.
import { OUTCOMES, type DispositionForm } from './schemas.ts'

const opt = (v: string) => ({ value: v, label: v })

export const BASE_FORM: DispositionForm = {
  fields: [
    { name: 'outcome', label: '结果', type: 'select', required: true, options: OUTCOMES.map(opt) },
    { name: 'callbackAt', label: '回访时间', type: 'datetime', required: false, requiredWhen: { field: 'outcome', values: ['预约回访'] } },
    { name: 'notes', label: '备注', type: 'textarea', required: false },
    { name: 'profile.name', label: '姓名', type: 'text', required: false },
    { name: 'profile.idType', label: '证件类型', type: 'select', required: false, options: ['身份证', '护照', '军官证', '港澳通行证', '营业执照'].map(opt) },
    { name: 'profile.idNumber', label: '证件号码', type: 'text', required: false },
    { name: 'profile.address', label: '地址', type: 'text', required: false },
    { name: 'profile.altPhone', label: '第二联系电话', type: 'text', required: false },
    { name: 'competitor', label: '竞争对手信息', type: 'textarea', required: false },
    { name: 'createWorkOrder', label: '给客户经理派工单', type: 'checkbox', required: false },
    { name: 'workOrder', label: '工单说明', type: 'textarea', required: false, requiredWhen: { field: 'createWorkOrder', values: ['true'] } },
  ],
}

export const SURVEY_FORM: DispositionForm = {
  fields: [
    ...BASE_FORM.fields.slice(0, 1),
    { name: 'satisfaction', label: '满意度', type: 'select', required: false, options: ['非常满意', '满意', '一般', '不满意'].map(opt) },
    ...BASE_FORM.fields.slice(1),
  ],
}
