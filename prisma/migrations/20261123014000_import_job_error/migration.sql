-- AlterTable
ALTER TABLE "import_jobs" ADD COLUMN     "error" TEXT;

