export { openAuditReason, sealEarlierAuditReasons } from './audit/audit-reasons.ts'
export { listAuditEvents } from './audit/list-audit-events.ts'
export { recordAuditEvent } from './audit/record-audit-event.ts'
export {
  type ConversationRead,
  recordConversationRead,
  recordPreviewsRead,
} from './audit/record-conversation-read.ts'
export { addTranscriptions } from './callbacks/add-transcriptions.ts'
export { listCallbacks } from './callbacks/list-callbacks.ts'
export { markCallback, RETRY_AFTER_MINUTES } from './callbacks/mark-callback.ts'
export { openCallbackRequests } from './callbacks/open-callback-requests.ts'
export { isOptedOut, recordOptOuts } from './callbacks/record-opt-outs.ts'
export { addCallMediator, dismissCallMediator } from './calls/call-mediator-requests.ts'
export { listCallMediators, removeCallMediator, saveCallMediator } from './calls/call-mediators.ts'
export { listLiveCalls } from './calls/list-live-calls.ts'
export { readOwnPhone, setOwnPhone } from './calls/operator-phone.ts'
export { phonesToRing } from './calls/phones-to-ring.ts'
export { recordCallStep } from './calls/record-call-step.ts'
export { recordConferenceEvent } from './calls/record-conference-event.ts'
export { runCallConference } from './calls/run-call-conference.ts'
export { loadCannedReplies } from './canned-replies/list-canned-replies.ts'
export {
  deleteCannedReply,
  findCannedReplyHelpline,
  saveCannedReply,
} from './canned-replies/save-canned-reply.ts'
export { addCaseConversation } from './cases/add-case-conversation.ts'
export { addCaseEntry } from './cases/add-case-entry.ts'
export { exportEmergencyRecord } from './cases/export-emergency-record.ts'
export { getCase } from './cases/get-case.ts'
export { findConversationCase, listCases, listCaseTasks } from './cases/list-cases.ts'
export { markCaseEntryDone } from './cases/mark-case-entry-done.ts'
export { openCase } from './cases/open-case.ts'
export { recordEmergencyStep } from './cases/record-emergency-step.ts'
export { scheduleCaseCallback } from './cases/schedule-case-callback.ts'
export { setCaseLegalHold } from './cases/set-case-legal-hold.ts'
export { updateCase } from './cases/update-case.ts'
export { recordCaseConsent, writeFirst } from './cases/write-first.ts'
export { openChannelSecrets, sealChannelSecrets, withChannelSecrets } from './channels/channel-secrets.ts'
export { connectChannel } from './channels/connect-channel.ts'
export { type ChannelRecord, findChannel } from './channels/find-channel.ts'
export { type KeptChannel, keptChannels, StaleChannelError } from './channels/kept-channels.ts'
export { listChannelsOfKind } from './channels/list-channels-of-kind.ts'
export { listHelplineChannels } from './channels/list-helpline-channels.ts'
export { type ReceivedCounts, receiveChannelEvents } from './channels/receive-channel-events.ts'
export { blockContact, unblockContact } from './contacts/block-contact.ts'
export { contactSealer, finishErasures, keyEarlierContacts } from './contacts/contact-keys.ts'
export { eraseContact } from './contacts/erase-contact.ts'
export { purgeExpiredBlocks } from './contacts/erased-blocks.ts'
export { exportContact } from './contacts/export-contact.ts'
export { holdConversationContact } from './contacts/hold-contact.ts'
export { linkContacts, listContactLinks, unlinkContacts } from './contacts/link-contacts.ts'
export { listOwnRevealRequests } from './contacts/list-own-reveal-requests.ts'
export { sendPrivacyNotice } from './contacts/privacy-notice.ts'
export { revealAddress } from './contacts/reveal-address.ts'
export {
  decideRevealRequest,
  listRevealRequests,
  REVEAL_APPROVAL_MINUTES,
  REVEAL_REQUEST_HOURS,
  requestReveal,
} from './contacts/reveal-requests.ts'
export { sealEarlierReasons } from './contacts/seal-earlier-reasons.ts'
export { type Actor, type AfterCommit, helplineIdsOf, type Services, type Tx } from './context.ts'
export { addNote } from './conversations/add-note.ts'
export { assignedConversationIds } from './conversations/assigned-conversation-ids.ts'
export { checkClosingForm, closeConversation } from './conversations/close-conversation.ts'
export { describeDesk } from './conversations/describe-desk.ts'
export { describeRoom } from './conversations/describe-room.ts'
export { getConversation } from './conversations/get-conversation.ts'
export { listClosedConversations } from './conversations/list-closed-conversations.ts'
export { listContactHistory } from './conversations/list-contact-history.ts'
export { listConversations } from './conversations/list-conversations.ts'
export { getReview, listReviews } from './conversations/list-reviews.ts'
export { markConversationRead } from './conversations/mark-conversation-read.ts'
export { recordConversationFacts } from './conversations/record-conversation-facts.ts'
export { requestReview } from './conversations/request-review.ts'
export { requestSupervisor } from './conversations/request-supervisor.ts'
export { readAvailability, setAvailability } from './conversations/set-availability.ts'
export { signOffReview } from './conversations/sign-off-review.ts'
export { takeConversation } from './conversations/take-conversation.ts'
export { transferConversation } from './conversations/transfer-conversation.ts'
export { createKeyring, KeyDestroyedError, type Keyring, type Sealer } from './crypto/keyring.ts'
export { directoryToCsv } from './directory/directory-csv.ts'
export { DirectoryImportError, importDirectory } from './directory/import-directory.ts'
export { loadDirectory } from './directory/list-directory.ts'
export {
  deleteDirectoryService,
  findDirectoryServiceHelpline,
  saveDirectoryService,
} from './directory/save-directory-service.ts'
export { AscoltoError, type ErrorCode } from './errors.ts'
export { createChannel, createHelpline } from './helplines/create-helpline.ts'
export {
  checkSettings,
  defaultSettings,
  importHelplineSettings,
  loadHelplineSettings,
  openingRulesOf,
  SettingsError,
} from './helplines/helpline-settings.ts'
export { previewDraftRules } from './helplines/preview-draft-rules.ts'
export { instantInZone, previewRules, type RulesPreview } from './helplines/preview-rules.ts'
export { readHelplineSettings, updateHelplineSettings } from './helplines/update-helpline-settings.ts'
export { CONFIDENT, type DetectedLanguage, detectLanguage } from './languages/detect-language.ts'
export { logContact } from './logged-contacts/log-contact.ts'
export { fetchMessageMedia } from './media/fetch-message-media.ts'
export { readMessageMedia } from './media/read-message-media.ts'
export { sendAttachment } from './media/send-attachment.ts'
export { announceEnded, endMediations, removeMediator } from './mediation/end-mediation.ts'
export { joinMediation } from './mediation/join-mediation.ts'
export { requireMediator } from './mediation/mediation-access.ts'
export { getConversationMediation } from './mediation/mediation-views.ts'
export { describeMediatorDesk, mediatedConversationIds, setMediatorTitle } from './mediation/mediator-desk.ts'
export { readMediatedConversation, toMediatedMessage } from './mediation/read-mediated-conversation.ts'
export { requestMediator } from './mediation/request-mediator.ts'
export { sendMediatorAlert } from './mediation/send-mediator-alert.ts'
export { writeAsMediator } from './mediation/write-as-mediator.ts'
export { type DeliveryOutcome, deliverMessage, MAX_ATTEMPTS } from './messages/deliver-message.ts'
export { hideMessage } from './messages/hide-message.ts'
export { type IngestResult, ingestInboundMessage } from './messages/ingest-inbound-message.ts'
export { hashEarlierProviderIds, openProviderId } from './messages/provider-ids.ts'
export { queueReadReceipt } from './messages/queue-read-receipt.ts'
export { sendReadReceipt } from './messages/send-read-receipt.ts'
export { sendRedirect } from './messages/send-redirect.ts'
export { sendReply } from './messages/send-reply.ts'
export { type DeliveryStatusOutcome, updateDeliveryStatus } from './messages/update-delivery-status.ts'
export { visitorTranscript } from './messages/visitor-transcript.ts'
export { addMembership, createUser } from './operators/create-user.ts'
export { describeInvitation } from './operators/describe-invitation.ts'
export { describeSession } from './operators/describe-session.ts'
export { endSessionsOf, logOutEverywhere, SESSIONS_ENDED_CHANNEL } from './operators/end-sessions.ts'
export { readHelplineSecurity, updateHelplineSecurity } from './operators/helpline-security.ts'
export { renewInvitationLink, revokeInvitation } from './operators/invitation-links.ts'
export { acceptInvitation, INVITATION_DAYS, inviteMember, listInvitations } from './operators/invitations.ts'
export {
  listLanguagesCovered,
  readOwnLanguages,
  setOwnLanguages,
} from './operators/operator-languages.ts'
export {
  finishPasskeyRegistration,
  listPasskeys,
  removePasskey,
  startPasskeyRegistration,
} from './operators/passkeys.ts'
export {
  completePasswordReset,
  describePasswordReset,
  issuePasswordReset,
  RESET_MINUTES,
  requestPasswordReset,
} from './operators/password-resets.ts'
export {
  REAUTHENTICATION_MINUTES,
  reauthenticate,
  requireRecentPassword,
} from './operators/reauthentication.ts'
export { issueAuditedRecoveryCodes, renewRecoveryCodes } from './operators/recovery-codes.ts'
export { requireRole } from './operators/require-role.ts'
export {
  checkSecondFactor,
  confirmTotpEnrolment,
  secondFactorState,
  startTotpEnrolment,
} from './operators/second-factor.ts'
export { sendPasswordReset } from './operators/send-password-reset.ts'
export {
  actorForSession,
  auditForEachHelpline,
  completeEnrolment,
  liveSessionTags,
  SESSION_IDLE_MINUTES,
  type SessionActor,
  type SignInPolicy,
  sessionTag,
  signIn,
  signOut,
  startPasskeySignIn,
} from './operators/sessions.ts'
export { THROTTLE, ThrottledError } from './operators/sign-in-throttle.ts'
export { changeMemberRole, deactivateMember, listTeamMembers } from './operators/team-members.ts'
export { type RelyingParty, relyingPartyOf } from './operators/webauthn-challenges.ts'
export {
  claimDue,
  LEASE_SECONDS,
  type OutboxKind,
  type OutboxRow,
  secondsUntilNextDue,
} from './outbox/outbox.ts'
export {
  acceptSignedRequest,
  type SendingPartner,
  SIGNATURE_WINDOW_SECONDS,
  type SignedRequest,
} from './partners/accept-signed-request.ts'
export { installationKey } from './partners/installation-key.ts'
export { findPartnerHelpline, loadPartners } from './partners/list-partners.ts'
export { receiveRemoteReferral } from './partners/receive-remote-referral.ts'
export { receiveRemoteState } from './partners/receive-remote-state.ts'
export { savePartner } from './partners/save-partner.ts'
export { sendToPartner } from './partners/send-to-partner.ts'
export { signRequest } from './partners/signed-request.ts'
export * from './policy/index.ts'
export { type Publisher, silentPublisher } from './realtime/publisher.ts'
export { changeReferralState } from './referrals/change-referral-state.ts'
export { createReferral, previewReferral } from './referrals/create-referral.ts'
export { findReferralForActor, type ReferralRecord } from './referrals/find-referral.ts'
export { getReferral } from './referrals/get-referral.ts'
export { listReferrals, listReferralTargets } from './referrals/list-referrals.ts'
export { recordReferralEvent } from './referrals/record-referral-event.ts'
export { recordReferralFacts } from './referrals/record-referral-facts.ts'
export { recordReferralHandover } from './referrals/record-referral-handover.ts'
export { openPacket, storePacket } from './referrals/referral-packet.ts'
export { canMove, whoSets } from './referrals/referral-rules.ts'
export { queueRemoteReferral, type RemoteReferralPayload } from './referrals/remote.ts'
export { addReportInformation } from './reports/add-report-information.ts'
export { findReport } from './reports/find-report.ts'
export { readReportThread } from './reports/read-report-thread.ts'
export { reportFormInfo, reportFormOf } from './reports/report-form.ts'
export { submitReport } from './reports/submit-report.ts'
export { eraseProviderCopies } from './retention/erase-provider-copies.ts'
export { setLegalHold } from './retention/legal-hold.ts'
export { listLegalHolds } from './retention/list-legal-holds.ts'
export { type PurgeCounts, purgeInactiveContacts } from './retention/purge-inactive-contacts.ts'
export { onShiftNow } from './rota/answering-now.ts'
export { assignShift, confirmShift, giveBackShift } from './rota/assign-shift.ts'
export { renderCalendarFeed, renewCalendarFeed } from './rota/calendar-feed.ts'
export { findGaps, type Gap, type StaffedOccurrence } from './rota/coverage.ts'
export { describeMyShift } from './rota/describe-my-shift.ts'
export { describeRotaWeek, mondayOf, rotaWeek } from './rota/describe-rota-week.ts'
export { describeShiftNow } from './rota/describe-shift-now.ts'
export { listOperatorsOnShift, type OperatorOnShift } from './rota/list-operators-on-shift.ts'
export {
  type Occurrence,
  occurrencesBetween,
  SHIFT_ROLES,
  type ShiftPattern,
  type ShiftRole,
} from './rota/occurrences.ts'
export { digestText, queueRotaDigests, sendRotaDigest } from './rota/rota-digest.ts'
export { cancelShiftDay, createShift, deleteShift, findShiftHelpline } from './rota/save-shift.ts'
export {
  queueShiftReminders,
  readShiftReminder,
  reminderText,
  sendShiftReminder,
  setShiftReminder,
} from './rota/shift-reminders.ts'
export { answerShiftSwap, offerShiftSwap } from './rota/swap-shift.ts'
export { acknowledgeFlag } from './safeguarding/acknowledge-flag.ts'
export { listConversationFlags, listOpenFlagAlerts } from './safeguarding/list-flags.ts'
export { raiseFlag } from './safeguarding/raise-flag.ts'
export { sendSafeguardingAlert } from './safeguarding/send-safeguarding-alert.ts'
export { tickPlaybookStep } from './safeguarding/tick-playbook-step.ts'
export {
  compilePeriodReport,
  type PeriodReport,
  type PeriodReportQuery,
} from './statistics/compile-period-report.ts'
export { crossTabulate } from './statistics/cross-tabulate.ts'
export { describeCharts } from './statistics/describe-charts.ts'
export { describeOperatorFigures } from './statistics/describe-operator-figures.ts'
export { describeStatistics } from './statistics/describe-statistics.ts'
export { exportCrossTable, type StatisticsFormat } from './statistics/export-cross-table.ts'
export { exportStatisticsTable, type TableRequest } from './statistics/export-statistics-table.ts'
export { SHEET_WORDS } from './statistics/period-sheets.ts'
export { suppressSmallCells } from './statistics/suppress-small-cells.ts'
export { askSurveyConsent } from './survey/ask-survey-consent.ts'
export { recordSurveyAnswers, surveyDueFor } from './survey/record-survey-answers.ts'
export { SURVEY_HOURS } from './survey/survey-rules.ts'
export { RISK_WINDOW_HOURS } from './triage/conversation-risk.ts'
export { correctRiskLevel } from './triage/correct-risk-level.ts'
export { describeWaits, type QueueWait } from './waiting/describe-waits.ts'
export {
  type AnsweringOperator,
  expectedWaits,
  typicalHandlingMinutes,
  type WaitDesk,
} from './waiting/expected-wait.ts'
export { describeWidgetWaits, visitorWait } from './waiting/widget-waits.ts'
export { chooseWidgetLanguage } from './widget/choose-widget-language.ts'
export {
  describeWidget,
  loadWidgetChannel,
  type WidgetChannel,
  widgetOriginAllowed,
} from './widget/describe-widget.ts'
export { endConversationByVisitor } from './widget/end-conversation-by-visitor.ts'
export { markPersonLeft } from './widget/person-left.ts'
export { receiveWidgetMessage } from './widget/receive-widget-message.ts'
export { makeResumeCode, RESUME_CODE_DAYS, resumeWithCode } from './widget/resume-code.ts'
export { visitorAttended } from './widget/visitor-attended.ts'
export { visitorKnown } from './widget/visitor-known.ts'
export {
  endGoneVisitors,
  noteVisitorAway,
  noteVisitorBack,
  VISITOR_GONE_MINUTES,
} from './widget/visitor-presence.ts'
export {
  openConversationOfVisitor,
  visitorOfConversation,
  visitorsOfConversations,
} from './widget/visitor-signals.ts'
