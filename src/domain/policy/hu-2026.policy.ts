import { calendarDays, workingDays, years } from '../calendar/duration.js';
import { parseLocalDate } from '../calendar/local-date.js';
import { alfaNova2013Policy } from './alfa-nova-2013.policy.js';
import { basis, fgytv, providerPolicy, ptk } from './legal-sources.js';
import { definePolicyVersion } from './policy-version.js';

const FROM = '2026-01-01';
const law = (source: ReturnType<typeof fgytv>, rule: string) => basis(FROM, source, rule);
// Values carried over unchanged from the 2013 regulation keep its effective date and section.
const carried = (path: keyof typeof alfaNova2013Policy.periodSources) => alfaNova2013Policy.periodSources[path];

/** The law in force in 2026 (Fgytv., Tszt., Ptk., Szt.); the default for new cases. */
export const hu2026Policy = definePolicyVersion({
  id: 'hu-2026',
  effectiveFrom: parseLocalDate('2026-01-01'),
  title: 'Hatályos jog 2026 (Fgytv. 17/A-17/B, Tszt., Ptk. 8:3, Szt. 169)',
  source: { citation: 'Fgytv. 17/A-17/B, Tszt., Ptk. 8:3, Szt. 169 (consolidated, 2026-01-01)', title: 'Hatályos jog 2026' },
  periodSources: {
    'complaint.replyLimit': law(fgytv('17/B(5)'), 'R-LAW-01'),
    'complaint.handlingTarget': carried('complaint.handlingTarget'),
    'complaint.replyExtension.maxLength': law(fgytv('17/B(6)'), 'R-LAW-02'),
    'complaint.callRecordingCopy': law(fgytv('17/B(3a)'), 'R-LAW-10'),
    'complaint.personalAppointment': law(fgytv('17/B(2)'), 'R-LAW-11'),
    'complaint.phoneInformationConfirmation': law(providerPolicy, 'R-CHN-04'),
    'billing.billObjectionWrittenNotice': carried('billing.billObjectionWrittenNotice'),
    'escalation.bodyRequestReply': carried('escalation.bodyRequestReply'),
    'escalation.externalBodyHandling.energy_regulator': carried('escalation.externalBodyHandling.energy_regulator'),
    'escalation.externalBodyHandling.consumer_protection_authority': carried('escalation.externalBodyHandling.consumer_protection_authority'),
    'escalation.externalBodyHandling.town_clerk': carried('escalation.externalBodyHandling.town_clerk'),
    ...Object.fromEntries(Object.entries(alfaNova2013Policy.periodSources).filter(([path]) => path.startsWith('contract.'))),
    'retention.complaint_record': law(fgytv('17/A(7)'), 'R-LAW-09'),
    'retention.complaint_reply': law(fgytv('17/B(3)'), 'R-LAW-09'),
    'retention.case_document': law(fgytv('17/A(7)'), 'R-CPL-09'),
    'retention.call_recording': law(fgytv('17/B(3)'), 'R-LAW-09'),
    'retention.accounting_document': carried('retention.accounting_document'),
    'retention.contract_document': law(ptk('6:22'), 'R-RET-01'),
  },
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
