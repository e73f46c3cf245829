import { calendarDays, workingDays, years } from '../calendar/duration.js';
import { parseLocalDate } from '../calendar/local-date.js';
import { alfaNova2013Policy } from './alfa-nova-2013.policy.js';
import { definePolicyVersion } from './policy-version.js';

/** The law in force in 2026 (Fgytv., Tszt., Ptk., Szt.); the default for new cases. */
export const hu2026Policy = definePolicyVersion({
  id: 'hu-2026',
  effectiveFrom: parseLocalDate('2026-01-01'),
  title: 'Hatályos jog 2026 (Fgytv. 17/A-17/B, Tszt., Ptk. 8:3, Szt. 169)',
  complaint: {
    replyLimit: calendarDays(15), // R-LAW-01, Fgytv. 17/B(5)
    // R-CPL-05: the regulation's 15-day target is kept; it now equals the statutory limit.
    handlingTarget: calendarDays(15),
    replyExtension: {
      // R-LAW-02, Fgytv. 17/B(6)
      kind: 'allowed',
      maxTimes: 1,
      maxLength: calendarDays(15),
      permittedReasons: ['site_inspection', 'authority_query'],
      writtenNoticeWithReasonBeforeOriginalDeadline: true,
    },
    uniqueIdentifierForPhoneAndElectronic: true, // R-LAW-03
    webFormAcknowledgement: true, // R-LAW-08
    callRecordingCopy: calendarDays(30), // R-LAW-10
    personalAppointment: workingDays(5), // R-LAW-11
    phoneInformationConfirmation: workingDays(2), // R-CHN-04: provider's value, the seed fixes none
  },
  billing: {
    billObjectionWrittenNotice: calendarDays(30), // R-BIL-02
  },
  escalation: {
    // R-CPL-06, R-ESC-02: the 30-day outer limit stays for requests from bodies and representatives.
    bodyRequestReply: calendarDays(30),
    externalBodyHandling: alfaNova2013Policy.escalation.externalBodyHandling, // R-ESC-02, unchanged
  },
  // Contract deadlines come from the regulation and its decree, not the act: unchanged (RULES.md, Contracts).
  contract: alfaNova2013Policy.contract,
  retention: {
    complaint_record: years(3), // R-LAW-09, Fgytv. 17/A(7)
    complaint_reply: years(3), // R-LAW-09, Fgytv. 17/B(3)
    case_document: years(3), // R-CPL-09: kept with the complaint record it belongs to
    call_recording: years(5), // R-LAW-09, Fgytv. 17/B(3)
    accounting_document: years(8), // R-LAW-09, Szt. 169(2)
    contract_document: years(5), // R-RET-01 default: Ptk. 6:22, claims under a contract lapse 5 years after it ends
  },
} as const);
