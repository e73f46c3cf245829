import { calendarDays, workingDays, years } from '../calendar/duration.js';
import { parseLocalDate } from '../calendar/local-date.js';
import { basis, fgytv, providerPolicy, ptk, seedSection, szt } from './legal-sources.js';
import { definePolicyVersion } from './policy-version.js';

const FROM = '2013-01-01';
const seed = (section: string, rule: string) => basis(FROM, seedSection(section), rule);

/** The 2013 ALFA-NOVA business regulation as written (the seed). */
export const alfaNova2013Policy = definePolicyVersion({
  id: 'alfa-nova-2013',
  effectiveFrom: parseLocalDate('2013-01-01'),
  title: 'ALFA-NOVA Kft. üzletszabályzat (2013)',
  source: seedSection('(2013)'),
  periodSources: {
    'complaint.replyLimit': seed('4, 4.5.10', 'R-CPL-06'),
    'complaint.handlingTarget': seed('4.5.1', 'R-CPL-05'),
    'complaint.phoneInformationConfirmation': basis(FROM, providerPolicy, 'R-CHN-04'),
    'billing.billObjectionWrittenNotice': seed('4.5.2', 'R-BIL-02'),
    'escalation.bodyRequestReply': seed('4.5.10', 'R-CPL-06'),
    'escalation.externalBodyHandling.energy_regulator': seed('4.5.10', 'R-ESC-02'),
    'escalation.externalBodyHandling.consumer_protection_authority': seed('4.5.10', 'R-ESC-02'),
    'escalation.externalBodyHandling.town_clerk': seed('4.5.10', 'R-ESC-02'),
    'contract.applicationInformation': seed('4.1.3', 'R-CON-02'),
    'contract.contractAfterAcceptance': seed('4.1.3', 'R-CON-03'),
    'contract.offerAfterRequest': seed('4.2.1', 'R-CON-04'),
    'contract.deficiencyNotice': seed('4.2.1', 'R-CON-05'),
    'contract.signedReturn': seed('4.2.1', 'R-CON-06'),
    'contract.reconciliationStart': seed('4.2.1', 'R-CON-07'),
    'contract.offerLapse': seed('4.2.1', 'R-CON-08'),
    'contract.amendmentNotice': seed('4.2.4', 'R-CON-10'),
    'contract.payerChangeReport': seed('4.2.1, 4.2.5, 4.2.6', 'R-CON-11'),
    'contract.customerTerminationNotice': seed('4.3.1', 'R-CON-13'),
    'contract.nonPaymentBeforeTermination': seed('4.3.2, 4.4.2', 'R-CON-14'),
    // Seed 4.5.1 keeps the documents "az iratmegőrzés előírásai szerinti időszakra": the act's 5 years as they stood then.
    'retention.complaint_record': basis(FROM, fgytv('17/A(7), as in force in 2013'), 'R-RET-01'),
    'retention.complaint_reply': basis(FROM, fgytv('17/A(7), as in force in 2013'), 'R-RET-01'),
    'retention.case_document': seed('4.5.1', 'R-CPL-09'),
    'retention.call_recording': basis(FROM, fgytv('17/A(7), as in force in 2013'), 'R-RET-01'),
    'retention.accounting_document': basis(FROM, szt('169(2)'), 'R-LAW-09'),
    'retention.contract_document': basis(FROM, ptk('6:22 (1959. évi IV. törvény 324. §)'), 'R-RET-01'),
  },
  complaint: {
    // R-CPL-06: written submissions answered within 30 days at the latest (seed 4, 4.5.10).
    replyLimit: calendarDays(30),
    // R-CPL-05: 15-day general handling time for written and phone complaints (seed 4.5.1).
    handlingTarget: calendarDays(15),
    // The seed fixes "legkésőbb 30 nap" and "egységesen 30 nap" and provides no extension anywhere.
    replyExtension: { kind: 'not_allowed' },
    // R-LAW-03, R-LAW-08 are later law; the seed has neither duty.
    uniqueIdentifierForPhoneAndElectronic: false,
    webFormAcknowledgement: false,
    // R-LAW-10, R-LAW-11 are later law; the seed has neither duty.
    callRecordingCopy: null,
    personalAppointment: null,
    phoneInformationConfirmation: workingDays(2), // R-CHN-04: provider's value, the seed fixes none
  },
  billing: {
    billObjectionWrittenNotice: calendarDays(30), // R-BIL-02
  },
  escalation: {
    bodyRequestReply: calendarDays(30), // R-CPL-06, R-ESC-02
    externalBodyHandling: {
      energy_regulator: calendarDays(90), // R-ESC-02
      consumer_protection_authority: calendarDays(60), // R-ESC-02
      town_clerk: calendarDays(60), // R-ESC-02
    },
  },
  contract: {
    applicationInformation: calendarDays(30), // R-CON-02
    contractAfterAcceptance: calendarDays(15), // R-CON-03
    offerAfterRequest: calendarDays(30), // R-CON-04
    deficiencyNotice: calendarDays(15), // R-CON-05
    signedReturn: calendarDays(30), // R-CON-06
    reconciliationStart: calendarDays(15), // R-CON-07
    offerLapse: calendarDays(30), // R-CON-08
    amendmentNotice: calendarDays(30), // R-CON-10
    payerChangeReport: calendarDays(15), // R-CON-11
    customerTerminationNotice: calendarDays(30), // R-CON-13
    nonPaymentBeforeTermination: calendarDays(60), // R-CON-14
  },
  retention: {
    // R-RET-01: the seed's single period, 5 years after close, for every complaint record.
    complaint_record: years(5),
    complaint_reply: years(5),
    case_document: years(5),
    call_recording: years(5),
    // Seed 4.5.1 defers to the document-retention rules; Szt. 169(2) already demanded 8 years in 2013.
    accounting_document: years(8),
    // R-RET-01 default; the 1959 Ptk. 324 § and the 2013 Ptk. 6:22 both let contract claims lapse in 5 years.
    contract_document: years(5),
  },
} as const);
