-- Who of the line handled a conversation (its assignee when it closed), for the per-operator
-- figures a coordinator may turn on: conversations handled and their times, never the person who
-- wrote. An operator removed from the installation leaves the count without a name.
alter table conversation_fact add column handled_by uuid references app_user (id) on delete set null;
