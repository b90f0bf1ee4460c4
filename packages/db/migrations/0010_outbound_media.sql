-- Files go both ways now: a file a volunteer attaches is kept in media_file like a person's, and
-- only a person's file (fetched from the provider) needs the provider's id.
alter table message drop constraint message_media_check;
alter table message add constraint message_media_check check (
  media is null
  or (jsonb_typeof(media) = 'object' and (direction <> 'inbound' or media ? 'providerMediaId'))
);
