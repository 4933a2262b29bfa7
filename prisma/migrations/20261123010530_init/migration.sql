-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "BranchKind" AS ENUM ('province', 'city');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('agent', 'supervisor', 'admin', 'account_manager');

-- CreateEnum
CREATE TYPE "AgentState" AS ENUM ('available', 'on_call', 'wrap_up', 'break', 'offline');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('M', 'F');

-- CreateEnum
CREATE TYPE "Network" AS ENUM ('G', 'C', 'BB');

-- CreateEnum
CREATE TYPE "Tier" AS ENUM ('diamond', 'gold', 'silver', 'star', 'standard');

-- CreateEnum
CREATE TYPE "CardType" AS ENUM ('normal', 'staff', 'test', 'public_free');

-- CreateEnum
CREATE TYPE "Payment" AS ENUM ('prepaid', 'postpaid');

-- CreateEnum
CREATE TYPE "CustomerStatus" AS ENUM ('active', 'single_stop', 'double_stop', 'closed');

-- CreateEnum
CREATE TYPE "DncScope" AS ENUM ('all', 'marketing');

-- CreateEnum
CREATE TYPE "DialMode" AS ENUM ('preview', 'progressive', 'ratio', 'predictive');

-- CreateEnum
CREATE TYPE "CampaignStatus" AS ENUM ('running', 'paused', 'stopped');

-- CreateEnum
CREATE TYPE "Portfolio" AS ENUM ('personal', 'pooled');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('running', 'succeeded', 'failed');

-- CreateEnum
CREATE TYPE "QueueStatus" AS ENUM ('queued', 'scheduled', 'in_progress', 'done', 'retired', 'blocked');

-- CreateEnum
CREATE TYPE "CallDirection" AS ENUM ('outbound', 'inbound');

-- CreateEnum
CREATE TYPE "WorkOrderStatus" AS ENUM ('sent', 'accepted', 'returned', 'checked');

-- CreateTable
CREATE TABLE "branches" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "BranchKind" NOT NULL,
    "parent_id" INTEGER,

    CONSTRAINT "branches_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "teams" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "branch_id" INTEGER NOT NULL,

    CONSTRAINT "teams_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "username" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "branch_id" INTEGER,
    "team_id" INTEGER,
    "partner_id" INTEGER,
    "password_hash" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agent_state_log" (
    "id" SERIAL NOT NULL,
    "agent_id" INTEGER NOT NULL,
    "state" "AgentState" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agent_state_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customers" (
    "id" SERIAL NOT NULL,
    "msisdn" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "gender" "Gender",
    "birthday" DATE,
    "id_type" TEXT,
    "id_number" TEXT,
    "address" TEXT,
    "alt_phone" TEXT,
    "email" TEXT,
    "branch_id" INTEGER NOT NULL,
    "owning_unit" TEXT,
    "network" "Network" NOT NULL,
    "tier" "Tier" NOT NULL,
    "card_type" "CardType" NOT NULL,
    "payment" "Payment" NOT NULL,
    "balance" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "unpaid_months" INTEGER NOT NULL DEFAULT 0,
    "plan_code" TEXT,
    "plan_minimum" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "contract_end" DATE,
    "status" "CustomerStatus" NOT NULL,
    "closed_on" DATE,
    "joined_on" DATE NOT NULL,
    "call_forwarding" BOOLEAN NOT NULL DEFAULT false,
    "group_customer" BOOLEAN NOT NULL DEFAULT false,
    "rental" BOOLEAN NOT NULL DEFAULT false,
    "marketing_opt_out" BOOLEAN NOT NULL DEFAULT false,
    "direct_routing_opt_out" BOOLEAN NOT NULL DEFAULT false,
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "service_manager_id" INTEGER,
    "account_manager_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "monthly_usage" (
    "customer_id" INTEGER NOT NULL,
    "month" DATE NOT NULL,
    "bill" DECIMAL(12,2) NOT NULL,
    "sp_fee" DECIMAL(12,2) NOT NULL DEFAULT 0,
    "call_minutes" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "monthly_usage_pkey" PRIMARY KEY ("customer_id","month")
);

-- CreateTable
CREATE TABLE "do_not_call" (
    "msisdn" TEXT NOT NULL,
    "scope" "DncScope" NOT NULL,
    "reason" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "created_by_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "do_not_call_pkey" PRIMARY KEY ("msisdn")
);

-- CreateTable
CREATE TABLE "campaigns" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "marketing" BOOLEAN NOT NULL DEFAULT false,
    "portfolio" "Portfolio" NOT NULL,
    "dial_mode" "DialMode" NOT NULL DEFAULT 'progressive',
    "dial_ratio" DECIMAL(5,2) NOT NULL DEFAULT 1,
    "abandon_target" DECIMAL(5,4) NOT NULL DEFAULT 0.03,
    "schedule" JSONB NOT NULL,
    "wrap_seconds" INTEGER NOT NULL DEFAULT 30,
    "daily_cap_per_seat" INTEGER,
    "status" "CampaignStatus" NOT NULL DEFAULT 'paused',
    "branch_id" INTEGER,
    "script" JSONB NOT NULL,
    "disposition_form" JSONB NOT NULL,
    "record_calls" BOOLEAN NOT NULL DEFAULT false,
    "voicemail_text" TEXT,
    "abandon_message" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "campaigns_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "warning_rules" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "thresholds" JSONB NOT NULL,
    "weight" DECIMAL(6,2) NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "valid_from" DATE,
    "valid_to" DATE,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "warning_rules_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "rule_runs" (
    "id" SERIAL NOT NULL,
    "as_of" DATE NOT NULL,
    "status" "RunStatus" NOT NULL,
    "counts" JSONB,
    "entries" INTEGER,
    "ms" INTEGER,
    "error" TEXT,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "rule_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "queue_entries" (
    "id" SERIAL NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "campaign_id" INTEGER NOT NULL,
    "as_of" DATE NOT NULL,
    "reasons" TEXT[],
    "priority" DOUBLE PRECISION NOT NULL,
    "agent_id" INTEGER,
    "status" "QueueStatus" NOT NULL,
    "blocked_by" TEXT,
    "dial_number" TEXT,
    "attempts_today" INTEGER NOT NULL DEFAULT 0,
    "attempts_total" INTEGER NOT NULL DEFAULT 0,
    "last_attempt_at" TIMESTAMPTZ(3),
    "next_attempt_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "queue_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "churn_models" (
    "id" SERIAL NOT NULL,
    "as_of" DATE NOT NULL,
    "trained_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "auc" DOUBLE PRECISION NOT NULL,
    "report" JSONB NOT NULL,
    "weights" JSONB NOT NULL,

    CONSTRAINT "churn_models_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "churn_scores" (
    "customer_id" INTEGER NOT NULL,
    "model_id" INTEGER NOT NULL,
    "score" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "churn_scores_pkey" PRIMARY KEY ("customer_id")
);

-- CreateTable
CREATE TABLE "calls" (
    "id" SERIAL NOT NULL,
    "call_sid" TEXT NOT NULL,
    "direction" "CallDirection" NOT NULL,
    "campaign_id" INTEGER,
    "queue_entry_id" INTEGER,
    "customer_id" INTEGER,
    "agent_id" INTEGER,
    "from_number" TEXT NOT NULL,
    "to_number" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "answered_by" TEXT,
    "abandoned" BOOLEAN NOT NULL DEFAULT false,
    "recording_url" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answered_at" TIMESTAMPTZ(3),
    "bridged_at" TIMESTAMPTZ(3),
    "ended_at" TIMESTAMPTZ(3),
    "ring_seconds" INTEGER,
    "talk_seconds" INTEGER,

    CONSTRAINT "calls_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "call_events" (
    "id" SERIAL NOT NULL,
    "call_sid" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "call_events_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dispositions" (
    "id" SERIAL NOT NULL,
    "call_id" INTEGER,
    "queue_entry_id" INTEGER,
    "customer_id" INTEGER NOT NULL,
    "agent_id" INTEGER NOT NULL,
    "campaign_id" INTEGER,
    "outcome" TEXT NOT NULL,
    "notes" TEXT,
    "fields" JSONB NOT NULL,
    "callback_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dispositions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "work_orders" (
    "id" SERIAL NOT NULL,
    "customer_id" INTEGER NOT NULL,
    "created_by_id" INTEGER NOT NULL,
    "assignee_id" INTEGER,
    "kind" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "status" "WorkOrderStatus" NOT NULL DEFAULT 'sent',
    "due_at" TIMESTAMPTZ(3),
    "result" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "work_orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actor_id" INTEGER,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entity_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "ip" TEXT,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_jobs" (
    "id" SERIAL NOT NULL,
    "kind" TEXT NOT NULL,
    "status" "RunStatus" NOT NULL,
    "processed" INTEGER NOT NULL DEFAULT 0,
    "imported" INTEGER NOT NULL DEFAULT 0,
    "updated" INTEGER NOT NULL DEFAULT 0,
    "rejected" JSONB NOT NULL DEFAULT '[]',
    "created_by_id" INTEGER,
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "import_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "branches_name_key" ON "branches"("name");

-- CreateIndex
CREATE UNIQUE INDEX "teams_branch_id_name_key" ON "teams"("branch_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "users_username_key" ON "users"("username");

-- CreateIndex
CREATE INDEX "users_branch_id_role_idx" ON "users"("branch_id", "role");

-- CreateIndex
CREATE INDEX "agent_state_log_agent_id_at_idx" ON "agent_state_log"("agent_id", "at");

-- CreateIndex
CREATE UNIQUE INDEX "customers_msisdn_key" ON "customers"("msisdn");

-- CreateIndex
CREATE INDEX "customers_branch_id_service_manager_id_idx" ON "customers"("branch_id", "service_manager_id");

-- CreateIndex
CREATE INDEX "customers_service_manager_id_idx" ON "customers"("service_manager_id");

-- CreateIndex
CREATE UNIQUE INDEX "campaigns_code_key" ON "campaigns"("code");

-- CreateIndex
CREATE INDEX "rule_runs_as_of_idx" ON "rule_runs"("as_of");

-- CreateIndex
CREATE INDEX "queue_entries_campaign_id_status_priority_idx" ON "queue_entries"("campaign_id", "status", "priority");

-- CreateIndex
CREATE INDEX "queue_entries_agent_id_status_idx" ON "queue_entries"("agent_id", "status");

-- CreateIndex
CREATE UNIQUE INDEX "queue_entries_customer_id_campaign_id_key" ON "queue_entries"("customer_id", "campaign_id");

-- CreateIndex
CREATE INDEX "churn_models_as_of_idx" ON "churn_models"("as_of");

-- CreateIndex
CREATE UNIQUE INDEX "calls_call_sid_key" ON "calls"("call_sid");

-- CreateIndex
CREATE INDEX "calls_campaign_id_created_at_idx" ON "calls"("campaign_id", "created_at");

-- CreateIndex
CREATE INDEX "calls_agent_id_created_at_idx" ON "calls"("agent_id", "created_at");

-- CreateIndex
CREATE INDEX "calls_customer_id_created_at_idx" ON "calls"("customer_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "call_events_call_sid_kind_key" ON "call_events"("call_sid", "kind");

-- CreateIndex
CREATE INDEX "dispositions_customer_id_created_at_idx" ON "dispositions"("customer_id", "created_at");

-- CreateIndex
CREATE INDEX "dispositions_agent_id_created_at_idx" ON "dispositions"("agent_id", "created_at");

-- CreateIndex
CREATE INDEX "work_orders_customer_id_idx" ON "work_orders"("customer_id");

-- CreateIndex
CREATE INDEX "work_orders_assignee_id_status_idx" ON "work_orders"("assignee_id", "status");

-- CreateIndex
CREATE INDEX "audit_log_entity_entity_id_idx" ON "audit_log"("entity", "entity_id");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- AddForeignKey
ALTER TABLE "branches" ADD CONSTRAINT "branches_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "branches"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "teams" ADD CONSTRAINT "teams_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_team_id_fkey" FOREIGN KEY ("team_id") REFERENCES "teams"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "users" ADD CONSTRAINT "users_partner_id_fkey" FOREIGN KEY ("partner_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agent_state_log" ADD CONSTRAINT "agent_state_log_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customers" ADD CONSTRAINT "customers_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customers" ADD CONSTRAINT "customers_service_manager_id_fkey" FOREIGN KEY ("service_manager_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customers" ADD CONSTRAINT "customers_account_manager_id_fkey" FOREIGN KEY ("account_manager_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "monthly_usage" ADD CONSTRAINT "monthly_usage_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaigns" ADD CONSTRAINT "campaigns_branch_id_fkey" FOREIGN KEY ("branch_id") REFERENCES "branches"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "warning_rules" ADD CONSTRAINT "warning_rules_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "queue_entries" ADD CONSTRAINT "queue_entries_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "churn_scores" ADD CONSTRAINT "churn_scores_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "churn_scores" ADD CONSTRAINT "churn_scores_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "churn_models"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calls" ADD CONSTRAINT "calls_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calls" ADD CONSTRAINT "calls_queue_entry_id_fkey" FOREIGN KEY ("queue_entry_id") REFERENCES "queue_entries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calls" ADD CONSTRAINT "calls_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "calls" ADD CONSTRAINT "calls_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "call_events" ADD CONSTRAINT "call_events_call_sid_fkey" FOREIGN KEY ("call_sid") REFERENCES "calls"("call_sid") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_call_id_fkey" FOREIGN KEY ("call_id") REFERENCES "calls"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_queue_entry_id_fkey" FOREIGN KEY ("queue_entry_id") REFERENCES "queue_entries"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_agent_id_fkey" FOREIGN KEY ("agent_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_campaign_id_fkey" FOREIGN KEY ("campaign_id") REFERENCES "campaigns"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_customer_id_fkey" FOREIGN KEY ("customer_id") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_created_by_id_fkey" FOREIGN KEY ("created_by_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

