-- Goals bound to analysis measures refer to the programmes domain's goals by their uuid; a goal removed
-- from an action plan takes its binding with it.
delete from analysis_goal_measures;
alter table analysis_goal_measures alter column goal_id type uuid using goal_id::uuid;
alter table analysis_goal_measures add constraint analysis_goal_measures_goal foreign key (goal_id) references action_plan_goals(id) on delete cascade;
