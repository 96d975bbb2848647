-- Storing feedback checks that its list exists in the same statement (FeedbackRepository), so the
-- foreign key only repeated that check, and its row lock on the list cost every insert a write to
-- served_list (about a fifth of the insert's database time). Retention now deletes a list's
-- feedback with the list (ServedListRepository).
alter table feedback drop constraint feedback_request_id_fkey;
