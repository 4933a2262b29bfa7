import { Type, type Static } from 'typebox'

export const Roles = ['agent', 'supervisor', 'admin', 'account_manager'] as const
export type RoleName = (typeof Roles)[number]

export const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 256 }),
})
export type LoginBody = Static<typeof LoginBody>

export const LoginReply = Type.Object({
  token: Type.String(),
  user: Type.Object({
    id: Type.Integer(),
    username: Type.String(),
    name: Type.String(),
    role: Type.Enum(Roles),
    branchId: Type.Union([Type.Integer(), Type.Null()]),
  }),
})

/** What the bearer token carries; checked on every /api request. */
export interface SessionUser {
  id: number
  username: string
  name: string
  role: RoleName
  branchId: number | null
}
