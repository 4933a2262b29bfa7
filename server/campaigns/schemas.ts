// The JSON a campaign carries (campaigns.schedule, .script, .disposition_form) and the
// campaign API's bodies. The agent page renders script and form from these shapes
// (web/ reads them through server/realtime/script.ts), so this file is their reference.
import { Type, type Static } from 'typebox'

/** 'HH:MM', 24-hour clock. */
export const Clock = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM, 24-hour' })

/** One calling window in the call centre's zone (config TZ); `to` is exclusive. */
export const Window = Type.Object({ from: Clock, to: Clock }, { additionalProperties: false })

/**
 * campaigns.schedule: the windows in which the campaign may dial, in the centre's zone.
 * An empty list means the campaign never dials. Quiet hours (22:00–08:00 in the customer's
 * own zone) apply on top of these windows, whatever they say.
 */
export const Schedule = Type.Array(Window, { maxItems: 12 })
export type Schedule = Static<typeof Schedule>

export const ScriptBranch = Type.Object({
  /** What the agent clicks, e.g. 愿意了解. */
  label: Type.String({ minLength: 1 }),
  /** id of the step it leads to. */
  next: Type.String({ minLength: 1 }),
}, { additionalProperties: false })

/**
 * One step of a call script. `text` may hold the placeholders {客户姓名} {经理姓名} {套餐}
 * {到期日}, filled from the customer and the agent when the page shows it. A step with no
 * branches ends the script.
 */
export const ScriptStep = Type.Object({
  id: Type.String({ pattern: '^[A-Za-z0-9_-]{1,40}$' }),
  text: Type.String({ minLength: 1 }),
  branches: Type.Array(ScriptBranch),
}, { additionalProperties: false })

/** campaigns.script: the first step is the greeting. */
export const Script = Type.Object({
  steps: Type.Array(ScriptStep, { minItems: 1 }),
}, { additionalProperties: false })
export type Script = Static<typeof Script>

export const SCRIPT_VARIABLES = ['客户姓名', '经理姓名', '套餐', '到期日'] as const

export const FieldType = Type.Enum(['select', 'text', 'textarea', 'datetime', 'checkbox'])

export const FormField = Type.Object({
  /** Key in the submitted values; `profile.*` fields update the customer's profile. */
  name: Type.String({ minLength: 1 }),
  label: Type.String({ minLength: 1 }),
  type: FieldType,
  required: Type.Boolean(),
  /** For `select`: the stored value and what the page shows. */
  options: Type.Optional(Type.Array(Type.Object({ value: Type.String(), label: Type.String() }, { additionalProperties: false }))),
  /** Required only when another field holds one of these values (callbackAt for 预约回访). */
  requiredWhen: Type.Optional(Type.Object({ field: Type.String(), values: Type.Array(Type.String()) }, { additionalProperties: false })),
}, { additionalProperties: false })

/** campaigns.disposition_form. */
export const DispositionForm = Type.Object({
  fields: Type.Array(FormField, { minItems: 1 }),
}, { additionalProperties: false })
export type DispositionForm = Static<typeof DispositionForm>

/**
 * Outcome codes (the `outcome` field's option values, stored in dispositions.outcome).
 * Every outcome but these two means the customer was reached: a contact that completes a
 * new-subscriber callback and resets the periodic-contact clock (server/rules/predicates.ts).
 */
export const OUTCOMES = ['挽留成功', '接受优惠', '拒绝', '预约回访', '空号/错号', '要求勿扰', '语音信箱'] as const
export const NOT_REACHED_OUTCOMES = ['空号/错号', '语音信箱'] as const

export const DialMode = Type.Enum(['preview', 'progressive', 'ratio', 'predictive'])

export const CampaignView = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  marketing: Type.Boolean(),
  portfolio: Type.Enum(['personal', 'pooled']),
  dialMode: DialMode,
  dialRatio: Type.Number(),
  abandonTarget: Type.Number(),
  schedule: Schedule,
  wrapSeconds: Type.Integer(),
  dailyCapPerSeat: Type.Union([Type.Integer(), Type.Null()]),
  status: Type.Enum(['running', 'paused', 'stopped']),
  branchId: Type.Union([Type.Integer(), Type.Null()]),
  script: Script,
  dispositionForm: DispositionForm,
  recordCalls: Type.Boolean(),
  voicemailText: Type.Union([Type.String(), Type.Null()]),
  abandonMessage: Type.String(),
  /** Warning rules that feed this campaign. */
  rules: Type.Array(Type.String()),
})
export type CampaignView = Static<typeof CampaignView>

/** What an admin may change; a supervisor only the operational fields (SUPERVISOR_FIELDS). */
export const CampaignPatch = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  marketing: Type.Optional(Type.Boolean()),
  dialMode: Type.Optional(DialMode),
  dialRatio: Type.Optional(Type.Number({ minimum: 1, maximum: 10 })),
  abandonTarget: Type.Optional(Type.Number({ minimum: 0, maximum: 0.1 })),
  schedule: Type.Optional(Schedule),
  wrapSeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 600 })),
  dailyCapPerSeat: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 10000 }), Type.Null()])),
  status: Type.Optional(Type.Enum(['running', 'paused', 'stopped'])),
  script: Type.Optional(Script),
  dispositionForm: Type.Optional(DispositionForm),
  recordCalls: Type.Optional(Type.Boolean()),
  voicemailText: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  abandonMessage: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
}, { additionalProperties: false, minProperties: 1 })
export type CampaignPatch = Static<typeof CampaignPatch>

export const SUPERVISOR_FIELDS = ['status', 'dialMode', 'dialRatio', 'abandonTarget', 'schedule'] as const

export const CampaignParams = Type.Object({
  campaign: Type.String({ minLength: 1, maxLength: 40, description: 'campaign code (or numeric id)' }),
})
