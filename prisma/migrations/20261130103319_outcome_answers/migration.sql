-- CreateTable
CREATE TABLE "OutcomeAnswers" (
    "personId" TEXT NOT NULL,
    "intakeResponseId" TEXT,
    "exitResponseId" TEXT,
    "flags" BOOLEAN[],
    "numbers" DOUBLE PRECISION[],
    "choices" TEXT[],

    CONSTRAINT "OutcomeAnswers_pkey" PRIMARY KEY ("personId")
);

-- AddForeignKey
ALTER TABLE "OutcomeAnswers" ADD CONSTRAINT "OutcomeAnswers_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Person"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- The typed facts of a person, from their answers gathered into one object keyed "STAGE:itemKey"
-- (a number, or the list of choices). Written by app/outcomes/facts-sql.ts from FACTS
-- (npx tsx scripts/outcome-facts-sql.ts); facts-sql.server.test.ts checks the installed bodies.
CREATE OR REPLACE FUNCTION waypoint_outcome_flags(j jsonb) RETURNS boolean[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY[
    COALESCE(j -> 'INTAKE:need-safety' ->> 0 = 'yes', false), -- 1 need_safety
    COALESCE(j -> 'INTAKE:need-children-parenting' ->> 0 = 'yes', false), -- 2 need_children_parenting
    COALESCE(j -> 'INTAKE:need-housing' ->> 0 = 'yes', false), -- 3 need_housing
    COALESCE(j -> 'INTAKE:need-mental-health' ->> 0 = 'yes', false), -- 4 need_mental_health
    COALESCE(j -> 'INTAKE:need-finances' ->> 0 = 'yes', false), -- 5 need_finances
    COALESCE(j -> 'INTAKE:need-social-support' ->> 0 = 'yes', false), -- 6 need_social_support
    COALESCE(j -> 'INTAKE:need-alcohol' ->> 0 = 'yes', false), -- 7 need_alcohol
    COALESCE(j -> 'INTAKE:need-drugs' ->> 0 = 'yes', false), -- 8 need_drugs
    COALESCE(j -> 'INTAKE:need-employment' ->> 0 = 'yes', false), -- 9 need_employment
    COALESCE(j -> 'INTAKE:abuse-physical' ->> 0 = 'yes', false), -- 10 i_physical
    COALESCE(j ? 'INTAKE:abuse-physical', false), -- 11 i_physical_asked
    COALESCE(j -> 'EXIT:abuse-physical' ->> 0 = 'yes', false), -- 12 e_physical
    COALESCE(j ? 'EXIT:abuse-physical', false), -- 13 e_physical_asked
    COALESCE(j -> 'INTAKE:abuse-sexual' ->> 0 = 'yes', false), -- 14 i_sexual
    COALESCE(j ? 'INTAKE:abuse-sexual', false), -- 15 i_sexual_asked
    COALESCE(j -> 'EXIT:abuse-sexual' ->> 0 = 'yes', false), -- 16 e_sexual
    COALESCE(j ? 'EXIT:abuse-sexual', false), -- 17 e_sexual_asked
    COALESCE(j -> 'INTAKE:abuse-harassment-stalking' ->> 0 = 'yes', false), -- 18 i_hs
    COALESCE(j ? 'INTAKE:abuse-harassment-stalking', false), -- 19 i_hs_asked
    COALESCE(j -> 'EXIT:abuse-harassment-stalking' ->> 0 = 'yes', false), -- 20 e_hs
    COALESCE(j ? 'EXIT:abuse-harassment-stalking', false), -- 21 e_hs_asked
    COALESCE(j -> 'INTAKE:abuse-jealous-controlling' ->> 0 = 'yes', false), -- 22 i_jc
    COALESCE(j ? 'INTAKE:abuse-jealous-controlling', false), -- 23 i_jc_asked
    COALESCE(j -> 'EXIT:abuse-jealous-controlling' ->> 0 = 'yes', false), -- 24 e_jc
    COALESCE(j ? 'EXIT:abuse-jealous-controlling', false), -- 25 e_jc_asked
    COALESCE(j -> 'INTAKE:worker-new-to-services' ->> 0 = 'yes', false), -- 26 new_to_services
    COALESCE(j ? 'INTAKE:worker-new-to-services', false), -- 27 new_to_services_asked
    COALESCE(j -> 'INTAKE:worker-financial-difficulty' ->> 0 = 'yes', false), -- 28 financial
    COALESCE(j -> 'INTAKE:worker-mental-health' ->> 0 = 'yes', false), -- 29 mental_health
    COALESCE(j -> 'INTAKE:worker-past-abuse' ->> 0 = 'yes', false), -- 30 past_abuse
    COALESCE(j -> 'INTAKE:worker-harmer-current-partner' ->> 0 = 'yes', false), -- 31 current_partner
    COALESCE(j -> 'INTAKE:worker-pregnant' ->> 0 = 'yes', false), -- 32 pregnant
    COALESCE(j -> 'INTAKE:worker-multiple-harmers' ->> 0 = 'yes', false), -- 33 multiple_harmers
    COALESCE(j -> 'INTAKE:worker-honour-based' ->> 0 = 'yes', false), -- 34 honour_based
    COALESCE(j -> 'INTAKE:worker-voluntary' ->> 0 = 'yes', false), -- 35 voluntary
    COALESCE((j -> 'INTAKE:hopes') ? 'relationship-partner', false), -- 36 hope_partner
    COALESCE(j -> 'INTAKE:worker-criminal-order' ->> 0 = 'yes', false), -- 37 criminal_order
    COALESCE(j -> 'INTAKE:worker-current-abuse-primary' ->> 0 = 'yes', false), -- 38 current_abuse_primary
    COALESCE(j -> 'INTAKE:worker-child-protection' ->> 0 = 'yes', false), -- 39 child_protection
    COALESCE(j -> 'INTAKE:worker-education-welfare' ->> 0 = 'yes', false), -- 40 education_welfare
    COALESCE(j -> 'INTAKE:worker-harming-others' ->> 0 = 'yes', false), -- 41 harming_others
    COALESCE(j -> 'INTAKE:witnessed-abuse' ->> 0 = 'yes', false), -- 42 i_witnessed
    COALESCE(j -> 'INTAKE:direct-harm' ->> 0 = 'yes', false), -- 43 i_direct_harm
    COALESCE(j -> 'INTAKE:csc-involved' ->> 0 = 'yes', false), -- 44 i_csc
    COALESCE(j -> 'EXIT:witnessed-abuse' ->> 0 = 'yes', false), -- 45 e_witnessed
    COALESCE(j ? 'EXIT:witnessed-abuse', false), -- 46 e_witnessed_asked
    COALESCE(j -> 'EXIT:csc-involved' ->> 0 = 'yes', false), -- 47 e_csc
    COALESCE(j ? 'EXIT:csc-involved', false), -- 48 e_csc_asked
    COALESCE(j -> 'EXIT:support-safety' ->> 0 = 'yes', false), -- 49 support_safety
    COALESCE(j -> 'EXIT:support-children-parenting' ->> 0 = 'yes', false), -- 50 support_children_parenting
    COALESCE(j -> 'EXIT:support-housing' ->> 0 = 'yes', false), -- 51 support_housing
    COALESCE(j -> 'EXIT:support-mental-health' ->> 0 = 'yes', false), -- 52 support_mental_health
    COALESCE(j -> 'EXIT:support-social' ->> 0 = 'yes', false), -- 53 support_social
    COALESCE(j -> 'EXIT:support-alcohol' ->> 0 = 'yes', false), -- 54 support_alcohol
    COALESCE(j -> 'EXIT:support-family-relationships' ->> 0 = 'yes', false), -- 55 support_family_relationships
    COALESCE(j -> 'EXIT:support-other-relationships' ->> 0 = 'yes', false), -- 56 support_other_relationships
    COALESCE(j -> 'EXIT:safety-measures-reduced-risk' ->> 0 = 'yes', false), -- 57 safety_measures
    COALESCE(j ? 'EXIT:safety-measures-reduced-risk', false), -- 58 safety_measures_asked
    COALESCE(j -> 'EXIT:worker-aware-of-impact' ->> 0 = 'yes', false), -- 59 worker_aware_of_impact
    COALESCE(j ? 'EXIT:worker-aware-of-impact', false), -- 60 worker_aware_of_impact_asked
    COALESCE(j -> 'EXIT:worker-understands-unacceptable' ->> 0 = 'yes', false), -- 61 worker_understands_unacceptable
    COALESCE(j ? 'EXIT:worker-understands-unacceptable', false), -- 62 worker_understands_unacceptable_asked
    COALESCE(j -> 'EXIT:worker-controls-behaviour' ->> 0 = 'yes', false), -- 63 worker_controls_behaviour
    COALESCE(j ? 'EXIT:worker-controls-behaviour', false), -- 64 worker_controls_behaviour_asked
    COALESCE(j -> 'EXIT:worker-takes-responsibility' ->> 0 = 'yes', false), -- 65 worker_takes_responsibility
    COALESCE(j ? 'EXIT:worker-takes-responsibility', false), -- 66 worker_takes_responsibility_asked
    COALESCE(j -> 'EXIT:physical-abuse-intake' ->> 0 = 'yes', false), -- 67 physical_at_intake
    COALESCE(j -> 'EXIT:physical-abuse-exit' ->> 0 = 'yes', false), -- 68 physical_at_exit
    COALESCE(j ? 'EXIT:physical-abuse-exit', false) -- 69 physical_at_exit_asked
  ]::boolean[]
$$;

CREATE OR REPLACE FUNCTION waypoint_outcome_numbers(j jsonb) RETURNS float8[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY[
    (CASE WHEN jsonb_typeof(j -> 'INTAKE:worker-children-count') = 'number' THEN (j ->> 'INTAKE:worker-children-count')::float8 END), -- 1 children_count
    (CASE WHEN jsonb_typeof(j -> 'INTAKE:worker-children-under-4') = 'number' THEN (j ->> 'INTAKE:worker-children-under-4')::float8 END), -- 2 children_under_4
    (CASE WHEN jsonb_typeof(j -> 'INTAKE:worker-abuse-years') = 'number' THEN (j ->> 'INTAKE:worker-abuse-years')::float8 END), -- 3 abuse_years
    (CASE WHEN jsonb_typeof(j -> 'INTAKE:worker-risk-indicators') = 'number' THEN (j ->> 'INTAKE:worker-risk-indicators')::float8 END), -- 4 risk_indicators
    (CASE WHEN jsonb_typeof(j -> 'INTAKE:safe-home') = 'number' THEN (j ->> 'INTAKE:safe-home')::float8 END), -- 5 i_safe_home
    (CASE WHEN jsonb_typeof(j -> 'EXIT:safe-home') = 'number' THEN (j ->> 'EXIT:safe-home')::float8 END), -- 6 e_safe_home
    CASE WHEN num_nonnulls((CASE WHEN jsonb_typeof(j -> 'INTAKE:safe-home') = 'number' THEN (j ->> 'INTAKE:safe-home')::float8 END), (CASE WHEN jsonb_typeof(j -> 'INTAKE:safe-elsewhere') = 'number' THEN (j ->> 'INTAKE:safe-elsewhere')::float8 END), (CASE WHEN jsonb_typeof(j -> 'INTAKE:worries') = 'number' THEN (j ->> 'INTAKE:worries')::float8 END), (CASE WHEN jsonb_typeof(j -> 'INTAKE:getting-on-family') = 'number' THEN (j ->> 'INTAKE:getting-on-family')::float8 END), (CASE WHEN jsonb_typeof(j -> 'INTAKE:getting-on-others') = 'number' THEN (j ->> 'INTAKE:getting-on-others')::float8 END)) >= 4 THEN (COALESCE((CASE WHEN jsonb_typeof(j -> 'INTAKE:safe-home') = 'number' THEN (j ->> 'INTAKE:safe-home')::float8 END), 0) + COALESCE((CASE WHEN jsonb_typeof(j -> 'INTAKE:safe-elsewhere') = 'number' THEN (j ->> 'INTAKE:safe-elsewhere')::float8 END), 0) + COALESCE((CASE WHEN jsonb_typeof(j -> 'INTAKE:worries') = 'number' THEN (j ->> 'INTAKE:worries')::float8 END), 0) + COALESCE((CASE WHEN jsonb_typeof(j -> 'INTAKE:getting-on-family') = 'number' THEN (j ->> 'INTAKE:getting-on-family')::float8 END), 0) + COALESCE((CASE WHEN jsonb_typeof(j -> 'INTAKE:getting-on-others') = 'number' THEN (j ->> 'INTAKE:getting-on-others')::float8 END), 0)) / num_nonnulls((CASE WHEN jsonb_typeof(j -> 'INTAKE:safe-home') = 'number' THEN (j ->> 'INTAKE:safe-home')::float8 END), (CASE WHEN jsonb_typeof(j -> 'INTAKE:safe-elsewhere') = 'number' THEN (j ->> 'INTAKE:safe-elsewhere')::float8 END), (CASE WHEN jsonb_typeof(j -> 'INTAKE:worries') = 'number' THEN (j ->> 'INTAKE:worries')::float8 END), (CASE WHEN jsonb_typeof(j -> 'INTAKE:getting-on-family') = 'number' THEN (j ->> 'INTAKE:getting-on-family')::float8 END), (CASE WHEN jsonb_typeof(j -> 'INTAKE:getting-on-others') = 'number' THEN (j ->> 'INTAKE:getting-on-others')::float8 END)) END, -- 7 i_faces
    CASE WHEN num_nonnulls((CASE WHEN jsonb_typeof(j -> 'EXIT:safe-home') = 'number' THEN (j ->> 'EXIT:safe-home')::float8 END), (CASE WHEN jsonb_typeof(j -> 'EXIT:safe-elsewhere') = 'number' THEN (j ->> 'EXIT:safe-elsewhere')::float8 END), (CASE WHEN jsonb_typeof(j -> 'EXIT:worries') = 'number' THEN (j ->> 'EXIT:worries')::float8 END), (CASE WHEN jsonb_typeof(j -> 'EXIT:getting-on-family') = 'number' THEN (j ->> 'EXIT:getting-on-family')::float8 END), (CASE WHEN jsonb_typeof(j -> 'EXIT:getting-on-others') = 'number' THEN (j ->> 'EXIT:getting-on-others')::float8 END)) >= 4 THEN (COALESCE((CASE WHEN jsonb_typeof(j -> 'EXIT:safe-home') = 'number' THEN (j ->> 'EXIT:safe-home')::float8 END), 0) + COALESCE((CASE WHEN jsonb_typeof(j -> 'EXIT:safe-elsewhere') = 'number' THEN (j ->> 'EXIT:safe-elsewhere')::float8 END), 0) + COALESCE((CASE WHEN jsonb_typeof(j -> 'EXIT:worries') = 'number' THEN (j ->> 'EXIT:worries')::float8 END), 0) + COALESCE((CASE WHEN jsonb_typeof(j -> 'EXIT:getting-on-family') = 'number' THEN (j ->> 'EXIT:getting-on-family')::float8 END), 0) + COALESCE((CASE WHEN jsonb_typeof(j -> 'EXIT:getting-on-others') = 'number' THEN (j ->> 'EXIT:getting-on-others')::float8 END), 0)) / num_nonnulls((CASE WHEN jsonb_typeof(j -> 'EXIT:safe-home') = 'number' THEN (j ->> 'EXIT:safe-home')::float8 END), (CASE WHEN jsonb_typeof(j -> 'EXIT:safe-elsewhere') = 'number' THEN (j ->> 'EXIT:safe-elsewhere')::float8 END), (CASE WHEN jsonb_typeof(j -> 'EXIT:worries') = 'number' THEN (j ->> 'EXIT:worries')::float8 END), (CASE WHEN jsonb_typeof(j -> 'EXIT:getting-on-family') = 'number' THEN (j ->> 'EXIT:getting-on-family')::float8 END), (CASE WHEN jsonb_typeof(j -> 'EXIT:getting-on-others') = 'number' THEN (j ->> 'EXIT:getting-on-others')::float8 END)) END -- 8 e_faces
  ]::float8[]
$$;

CREATE OR REPLACE FUNCTION waypoint_outcome_choices(j jsonb) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ARRAY[
    j -> 'EXIT:felt-safer' ->> 0, -- 1 agree_felt_safer
    j -> 'EXIT:wellbeing-improved' ->> 0, -- 2 agree_wellbeing_improved
    j -> 'EXIT:more-confident' ->> 0, -- 3 agree_more_confident
    j -> 'EXIT:quality-of-life-improved' ->> 0, -- 4 agree_quality_of_life_improved
    j -> 'EXIT:more-optimistic' ->> 0, -- 5 agree_more_optimistic
    j -> 'EXIT:understand-impact' ->> 0, -- 6 agree_understand_impact
    j -> 'EXIT:behaviour-reduced' ->> 0, -- 7 agree_behaviour_reduced
    j -> 'EXIT:relationship-partner-improved' ->> 0, -- 8 agree_relationship_partner_improved
    j -> 'EXIT:relationship-children-improved' ->> 0, -- 9 agree_relationship_children_improved
    j -> 'EXIT:risk-level-intake' ->> 0, -- 10 risk_at_intake
    j -> 'EXIT:risk-level-exit' ->> 0 -- 11 risk_at_exit
  ]::text[]
$$;

-- The rows are the database's to keep (decision 038): every statement that adds, changes, moves
-- or removes a questionnaire response or an answer refreshes the rows of the people it touched,
-- inside the same transaction, so every way in (a submit, a worker's part, an import, a merge, a
-- retention run, a bulk load) keeps them right without knowing they exist.
--
-- A refresh first locks the people's rows, then reads their forms in a later statement: under
-- READ COMMITTED that statement sees everything committed by a transaction that held the lock
-- before, so two forms of one person sent at once cannot leave the row without one of them.
CREATE FUNCTION waypoint_refresh_outcome_answers(person_ids text[], recompute boolean DEFAULT false) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
  IF person_ids IS NULL OR cardinality(person_ids) = 0 THEN
    RETURN;
  END IF;
  INSERT INTO "OutcomeAnswers" ("personId")
    SELECT p.id FROM "Person" p WHERE p.id IN (SELECT unnest(person_ids))
    ON CONFLICT ("personId") DO NOTHING;
  PERFORM 1 FROM "OutcomeAnswers" o WHERE o."personId" IN (SELECT unnest(person_ids)) ORDER BY o."personId" FOR UPDATE;
  WITH chosen AS MATERIALIZED (
    SELECT o."personId",
      (SELECT q.id FROM "QuestionnaireResponse" q
        WHERE q."personId" = o."personId" AND q.stage = 'INTAKE'
          AND (q."submittedAt" IS NOT NULL OR q."workerCompletedAt" IS NOT NULL)
        ORDER BY COALESCE(q."submittedAt", q."workerCompletedAt") ASC, q.id ASC LIMIT 1) AS intake,
      (SELECT q.id FROM "QuestionnaireResponse" q
        WHERE q."personId" = o."personId" AND q.stage = 'EXIT'
          AND (q."submittedAt" IS NOT NULL OR q."workerCompletedAt" IS NOT NULL)
        ORDER BY COALESCE(q."submittedAt", q."workerCompletedAt") DESC, q.id DESC LIMIT 1) AS exit
    FROM "OutcomeAnswers" o WHERE o."personId" IN (SELECT unnest(person_ids))
  ),
  gathered AS (
    SELECT c."personId", c.intake, c.exit,
      COALESCE(jsonb_object_agg(r.stage || ':' || a."itemKey",
        CASE WHEN a."numberValue" IS NOT NULL THEN to_jsonb(a."numberValue") ELSE to_jsonb(a."choiceValues") END)
        FILTER (WHERE a.id IS NOT NULL), '{}'::jsonb) AS j
    FROM chosen c
      LEFT JOIN LATERAL (VALUES ('INTAKE', c.intake), ('EXIT', c.exit)) AS r(stage, id) ON r.id IS NOT NULL
      LEFT JOIN "Answer" a ON a."responseId" = r.id
    GROUP BY c."personId", c.intake, c.exit
  ),
  computed AS (
    SELECT g."personId", g.intake, g.exit,
      CASE WHEN g.intake IS NOT NULL OR g.exit IS NOT NULL THEN waypoint_outcome_flags(g.j) END AS flags,
      CASE WHEN g.intake IS NOT NULL OR g.exit IS NOT NULL THEN waypoint_outcome_numbers(g.j) END AS numbers,
      CASE WHEN g.intake IS NOT NULL OR g.exit IS NOT NULL THEN waypoint_outcome_choices(g.j) END AS choices
    FROM gathered g
  )
  UPDATE "OutcomeAnswers" o
    SET "intakeResponseId" = c.intake, "exitResponseId" = c.exit, flags = c.flags, numbers = c.numbers, choices = c.choices
    FROM computed c
    WHERE o."personId" = c."personId"
      AND (recompute OR o."intakeResponseId" IS DISTINCT FROM c.intake OR o."exitResponseId" IS DISTINCT FROM c.exit
        OR o.flags IS DISTINCT FROM c.flags OR o.numbers IS DISTINCT FROM c.numbers OR o.choices IS DISTINCT FROM c.choices);
END;
$$;

-- Statement triggers with transition tables: a bulk statement (an import, a merge moving every
-- response) refreshes each person once, not once per row.
CREATE FUNCTION waypoint_outcome_answers_from_responses() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM waypoint_refresh_outcome_answers(ARRAY(SELECT DISTINCT n."personId" FROM new_rows n));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM waypoint_refresh_outcome_answers(ARRAY(
      SELECT n."personId" FROM new_rows n UNION SELECT o."personId" FROM old_rows o));
  ELSE
    PERFORM waypoint_refresh_outcome_answers(ARRAY(SELECT DISTINCT o."personId" FROM old_rows o));
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION waypoint_outcome_answers_from_answers() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM waypoint_refresh_outcome_answers(ARRAY(
      SELECT DISTINCT q."personId" FROM "QuestionnaireResponse" q WHERE q.id IN (SELECT n."responseId" FROM new_rows n)));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM waypoint_refresh_outcome_answers(ARRAY(
      SELECT DISTINCT q."personId" FROM "QuestionnaireResponse" q
      WHERE q.id IN (SELECT n."responseId" FROM new_rows n UNION SELECT o."responseId" FROM old_rows o)));
  ELSE
    PERFORM waypoint_refresh_outcome_answers(ARRAY(
      SELECT DISTINCT q."personId" FROM "QuestionnaireResponse" q WHERE q.id IN (SELECT o."responseId" FROM old_rows o)));
  END IF;
  RETURN NULL;
END;
$$;

CREATE TRIGGER "QuestionnaireResponse_outcome_answers_insert" AFTER INSERT ON "QuestionnaireResponse"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION waypoint_outcome_answers_from_responses();
CREATE TRIGGER "QuestionnaireResponse_outcome_answers_update" AFTER UPDATE ON "QuestionnaireResponse"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION waypoint_outcome_answers_from_responses();
CREATE TRIGGER "QuestionnaireResponse_outcome_answers_delete" AFTER DELETE ON "QuestionnaireResponse"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION waypoint_outcome_answers_from_responses();
CREATE TRIGGER "Answer_outcome_answers_insert" AFTER INSERT ON "Answer"
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION waypoint_outcome_answers_from_answers();
CREATE TRIGGER "Answer_outcome_answers_update" AFTER UPDATE ON "Answer"
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION waypoint_outcome_answers_from_answers();
CREATE TRIGGER "Answer_outcome_answers_delete" AFTER DELETE ON "Answer"
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION waypoint_outcome_answers_from_answers();

-- The forms already held.
SELECT waypoint_refresh_outcome_answers(ARRAY(SELECT DISTINCT q."personId" FROM "QuestionnaireResponse" q));
