-- A second factor is required for every role by default (OWASP ASVS level 2): a helpline's
-- volunteers too, unless a coordinator relaxes it for them (audited). Helplines that never saved
-- their security settings have no row and follow the code's default, which is now the same.
alter table helpline_security alter column volunteer_second_factor set default true;
