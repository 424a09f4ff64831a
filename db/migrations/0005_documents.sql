CREATE TABLE "documents" (
	"sha256" text PRIMARY KEY NOT NULL,
	"file_name" text NOT NULL,
	"byte_length" integer NOT NULL,
	"bytes" "bytea" NOT NULL,
	"source_url" text,
	"loaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
