import { calendarDays, workingDays, years } from '../calendar/duration.js';
import { parseLocalDate } from '../calendar/local-date.js';
import { definePolicyVersion } from './policy-version.js';

/** The 2013 ALFA-NOVA business regulation as written (the seed). */
export const alfaNova2013Policy = definePolicyVersion({
  id: 'alfa-nova-2013',
  effectiveFrom: parseLocalDate('2013-01-01'),
  title: 'ALFA-NOVA Kft. üzletszabályzat (2013)',
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
