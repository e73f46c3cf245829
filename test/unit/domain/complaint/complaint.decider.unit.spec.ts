import { earlierComplaintOf } from '../../../../src/domain/complaint/complaint.decide.js';
import { ComplaintScenario, handler, receptionist, redress, registration, supervisor } from '../../../support/complaint-scenario.js';

const dutiesOpened = (s: ComplaintScenario) => s.of('DutyOpened').map((e) => [e.data.kind, e.data.dueDate, e.data.rule]);

describe('complaint decider', () => {
  describe('registration', () => {
    it('R-CPL-02: a complaint is taken on every channel, and the channel is recorded', () => {
      for (const channel of ['in_person', 'letter', 'phone', 'email', 'fax', 'web_form'] as const) {
        const s = new ComplaintScenario();
        const oral = channel === 'in_person' || channel === 'phone';
        s.run(registration({ channel, recordPlace: oral ? 'Customer service office, Budapest' : null, customerSignedRecord: channel === 'in_person' ? true : null }), receptionist);
        expect(s.of('ComplaintRegistered')[0]!.data.channel).toBe(channel);
      }
    });

    it('R-CPL-03: the case gets the number reserved in the filing register of the receiving unit for the year', () => {
      const s = new ComplaintScenario();
      const [registered] = s.run(registration(), receptionist);
      expect(registered).toMatchObject({ type: 'ComplaintRegistered', data: { registerEntry: { register: 'filing_register', unitId: 'cso-budapest', year: 2026, number: 7, entry: 'BP/2026/7' }, receivingUnit: 'cso-budapest', responsibleUnit: 'cso-budapest' } });
    });

    it('R-CPL-03: only a clerk of the receiving unit registers, and only a customer service office keeps the filing register', () => {
      const s = new ComplaintScenario();
      expect(s.refuse(registration(), { userId: 'x', role: 'clerk', unit: 'cso-debrecen' })).toMatchObject({ code: 'COMPLAINT.NOT_RECEIVING_UNIT', rule: 'R-CPL-03' });
      expect(s.refuse(registration(), { userId: 'x', role: 'dispatcher', unit: 'cso-budapest' })).toMatchObject({ code: 'COMPLAINT.NOT_RECEIVING_UNIT' });
      const secretariat = { id: 'rd-east', kind: 'regional_secretariat' as const, name: 'Keleti RI', escalatesTo: null, code: 'RIE' };
      expect(s.refuse(registration({ receivingUnit: secretariat }), { userId: 'x', role: 'clerk', unit: 'rd-east' })).toMatchObject({ code: 'COMPLAINT.NOT_A_CUSTOMER_SERVICE_OFFICE' });
    });

    it('refuses a receipt time in the future and an anonymity flag that contradicts the name', () => {
      const s = new ComplaintScenario();
      expect(s.refuse(registration({ receivedAt: '2026-03-03T09:00:00.000Z' }), receptionist)).toMatchObject({ code: 'COMPLAINT.TIME_IN_FUTURE', details: { field: 'receivedAt' } });
      expect(s.refuse(registration({ anonymous: true }), receptionist)).toMatchObject({ code: 'COMPLAINT.ANONYMITY_MISMATCH', details: { field: 'complainant.name' } });
    });

    it('R-LAW-03: a phone or electronic complaint gets a unique identifier; a letter does not', () => {
      for (const [channel, expected] of [['phone', 'BP-2026-000007'], ['email', 'BP-2026-000007'], ['web_form', 'BP-2026-000007'], ['letter', null], ['fax', null]] as const) {
        const s = new ComplaintScenario();
        s.run(registration({ channel, recordPlace: channel === 'phone' ? 'call centre' : null }), receptionist);
        expect(s.of('ComplaintRegistered')[0]!.data.uniqueIdentifier).toBe(expected);
      }
    });

    it('R-LAW-03: the 2013 regulation gave no unique identifier', () => {
      const s = ComplaintScenario.at('2026-03-02T09:00:00Z', 'alfa-nova-2013');
      s.run(registration({ channel: 'email' }), receptionist);
      expect(s.of('ComplaintRegistered')[0]!.data.uniqueIdentifier).toBeNull();
    });

    it('R-LAW-04: an oral complaint not settled at once goes on record with place, time, recorder, signature and identifier', () => {
      const s = new ComplaintScenario();
      s.run(registration({ channel: 'in_person', recordPlace: 'BP office, desk 3', customerSignedRecord: true, positionIfExamined: 'reading looks wrong', recordCopyHandedOver: true }), receptionist);
      expect(s.of('ComplaintRecordDrawnUp')[0]!.data).toEqual({ recordId: 'id-1', drawnUpAt: '2026-03-02T09:00:00.000Z', place: 'BP office, desk 3', recordedBy: 'clerk-reception', positionIfExamined: 'reading looks wrong', customerSignature: 'signed', copy: 'handed_over', uniqueIdentifier: null });
      const phone = new ComplaintScenario();
      phone.run(registration({ channel: 'phone', recordPlace: 'call centre' }), receptionist);
      expect(phone.of('ComplaintRecordDrawnUp')[0]!.data).toMatchObject({ customerSignature: 'not_applicable', uniqueIdentifier: 'BP-2026-000007', copy: 'with_reply' });
    });

    it('R-LAW-04: the record needs its place, and for an in-person complaint whether the customer signed', () => {
      const s = new ComplaintScenario();
      expect(s.refuse(registration({ channel: 'phone' }), receptionist)).toMatchObject({ code: 'COMPLAINT.RECORD_PLACE_MISSING', rule: 'R-LAW-04', details: { field: 'recordPlace' } });
      expect(s.refuse(registration({ channel: 'in_person', recordPlace: 'desk 1' }), receptionist)).toMatchObject({ code: 'COMPLAINT.RECORD_SIGNATURE_MISSING', rule: 'R-LAW-04' });
    });

    it('R-LAW-08: a web-form complaint is acknowledged to the customer’s e-mail at once', () => {
      const s = new ComplaintScenario();
      s.run(registration({ channel: 'web_form' }), receptionist);
      expect(s.of('ComplaintAcknowledged')[0]!.data).toEqual({ channel: 'email', to: { subjectId: 'subject-1', email: 'eva@example.hu' }, acknowledgedAt: '2026-03-02T09:00:00.000Z', uniqueIdentifier: 'BP-2026-000007' });
    });

    it('R-LAW-08: a web-form complaint without an e-mail address is refused', () => {
      const s = new ComplaintScenario();
      const complainant = { ...registration().data.complainant, email: null };
      expect(s.refuse(registration({ channel: 'web_form', complainant }), receptionist)).toMatchObject({ code: 'COMPLAINT.WEB_FORM_WITHOUT_EMAIL', rule: 'R-LAW-08', details: { field: 'complainant.email' } });
    });

    it('R-CHN-01: an in-person-only matter asked for by phone is refused, or booked as an appointment (R-LAW-11)', () => {
      const s = new ComplaintScenario();
      expect(s.refuse(registration({ channel: 'letter', requestedMatters: ['instalment_agreement'] }), receptionist)).toMatchObject({ code: 'CHANNEL.IN_PERSON_ONLY', rule: 'R-CHN-01' });
      s.run(registration({ channel: 'letter', requestedMatters: ['instalment_agreement', 'bill_information'], bookAppointment: true }), receptionist);
      expect(s.of('AppointmentRequested')[0]!.data).toEqual({ matters: ['instalment_agreement'], requestedAt: '2026-03-02T08:30:00.000Z', offerBy: '2026-03-09' });
      expect(dutiesOpened(s)).toContainEqual(['personal_appointment', '2026-03-09', 'R-LAW-11']);
    });

    it('R-LAW-11: the 5 working days run from the day the customer asked, not from the day the booking is typed in; an offer after them is late', () => {
      const s = ComplaintScenario.at('2026-03-12T09:00:00.000Z');
      // Asked for by letter received on Monday 2 March; typed in ten days later.
      s.run(registration({ channel: 'letter', requestedMatters: ['instalment_agreement'], bookAppointment: true }), receptionist);
      expect(s.of('AppointmentRequested')[0]!.data).toMatchObject({ requestedAt: '2026-03-02T08:30:00.000Z', offerBy: '2026-03-09' });
      expect(dutiesOpened(s)).toContainEqual(['personal_appointment', '2026-03-09', 'R-LAW-11']);
      const [offered, discharged] = s.run({ type: 'OfferAppointment', data: { appointmentAt: '2026-03-16T10:00:00.000Z' } }, receptionist);
      expect(offered).toEqual({ type: 'AppointmentOffered', data: { appointmentAt: '2026-03-16T10:00:00.000Z', offeredOn: '2026-03-12', late: true } });
      expect(discharged).toMatchObject({ type: 'DutyDischarged', data: { dutyId: 'personal-appointment', late: true } });
      expect(s.refuse({ type: 'OfferAppointment', data: { appointmentAt: '2026-03-16T10:00:00.000Z' } }, receptionist)).toMatchObject({ code: 'COMPLAINT.NO_APPOINTMENT_PENDING', rule: 'R-LAW-11' });
    });

    it('R-LAW-11: the booking may say when the customer asked, never before the receipt nor in the future', () => {
      const s = ComplaintScenario.at('2026-03-12T09:00:00.000Z');
      const booked = (appointmentRequestedAt: string) => registration({ channel: 'phone', recordPlace: 'call centre', requestedMatters: ['change_of_consumer'], bookAppointment: true, appointmentRequestedAt });
      expect(s.refuse(booked('2026-03-01T10:00:00.000Z'), receptionist)).toMatchObject({ code: 'COMPLAINT.BEFORE_EARLIER_FACT', details: { field: 'appointmentRequestedAt', earlierFact: 'ComplaintRegistered.receivedAt' } });
      expect(s.refuse(booked('2026-03-13T10:00:00.000Z'), receptionist)).toMatchObject({ code: 'COMPLAINT.TIME_IN_FUTURE', details: { field: 'appointmentRequestedAt' } });
      expect(s.refuse(registration({ appointmentRequestedAt: '2026-03-03T10:00:00.000Z' }), receptionist)).toMatchObject({ code: 'COMPLAINT.NO_APPOINTMENT_BOOKED', details: { field: 'appointmentRequestedAt' } });
      s.run(booked('2026-03-04T10:00:00.000Z'), receptionist);
      expect(s.of('AppointmentRequested')[0]!.data).toMatchObject({ requestedAt: '2026-03-04T10:00:00.000Z', offerBy: '2026-03-11' });
    });

    it('R-CHN-02: remote-capable matters are accepted by letter, e-mail and phone', () => {
      const s = new ComplaintScenario();
      s.run(registration({ channel: 'email', requestedMatters: ['meter_reading_report', 'account_balance_certificate'] }), receptionist);
      expect(s.of('ComplaintRegistered')[0]!.data.requestedMatters).toEqual(['meter_reading_report', 'account_balance_certificate']);
      expect(new ComplaintScenario().refuse(registration({ channel: 'fax', requestedMatters: ['bill_information'] }), receptionist)).toMatchObject({ rule: 'R-CHN-02' });
    });
  });

  describe('deadlines', () => {
    it('R-LAW-01: under today’s law the written reply is due 15 days after receipt', () => {
      const s = new ComplaintScenario();
      s.run(registration({ kind: 'handling_conduct' }), receptionist);
      expect(s.of('ComplaintRegistered')[0]!.data.deadlines).toMatchObject({ replyDue: '2026-03-17', handlingTargetDue: '2026-03-17' });
      expect(dutiesOpened(s)).toEqual([['written_reply', '2026-03-17', 'R-LAW-01']]);
    });

    it('R-LAW-13: the day of receipt is not counted', () => {
      const s = ComplaintScenario.at('2026-03-02T22:30:00Z');
      // 23:30 in Budapest on 2 March is still the 2nd: 15 days end on the 17th.
      s.run(registration({ receivedAt: '2026-03-02T22:30:00.000Z' }), receptionist);
      expect(s.of('ComplaintRegistered')[0]!.data).toMatchObject({ receivedOn: '2026-03-02', deadlines: { replyDue: '2026-03-17' } });
    });

    it('R-CPL-06: under the 2013 regulation the reply is due within 30 days', () => {
      const s = ComplaintScenario.at('2026-03-02T09:00:00Z', 'alfa-nova-2013');
      s.run(registration({ kind: 'other' }), receptionist);
      expect(s.of('ComplaintRegistered')[0]!.data.deadlines.replyDue).toBe('2026-04-01');
      expect(dutiesOpened(s)).toContainEqual(['written_reply', '2026-04-01', 'R-CPL-06']);
    });

    it('R-CPL-05: complaints in writing or by phone have a 15-day handling target under the 2013 regulation', () => {
      const s = ComplaintScenario.at('2026-03-02T09:00:00Z', 'alfa-nova-2013');
      s.run(registration({ kind: 'other', channel: 'phone', recordPlace: 'call centre' }), receptionist);
      expect(dutiesOpened(s)).toEqual([['written_reply', '2026-04-01', 'R-CPL-06'], ['handling_target', '2026-03-17', 'R-CPL-05']]);
      const inPerson = ComplaintScenario.at('2026-03-02T09:00:00Z', 'alfa-nova-2013');
      inPerson.run(registration({ kind: 'other', channel: 'in_person', recordPlace: 'desk', customerSignedRecord: true }), receptionist);
      expect(dutiesOpened(inPerson).map(([kind]) => kind)).toEqual(['written_reply']);
    });

    it('R-BIL-02: a bill objection is answered in writing within 30 days under the 2013 regulation', () => {
      const s = ComplaintScenario.at('2026-03-02T09:00:00Z', 'alfa-nova-2013');
      s.run(registration({ kind: 'bill_objection' }), receptionist);
      expect(dutiesOpened(s)).toContainEqual(['written_reply', '2026-04-01', 'R-BIL-02']);
      const today = new ComplaintScenario();
      today.run(registration({ kind: 'bill_objection' }), receptionist);
      // Today's 15-day reply limit comes first.
      expect(dutiesOpened(today)).toEqual([['written_reply', '2026-03-17', 'R-LAW-01']]);
    });

    it('R-DL-01: a reply deadline ending on a Saturday moves to Monday', () => {
      const s = ComplaintScenario.at('2026-03-06T10:00:00Z');
      s.run(registration({ receivedAt: '2026-03-06T09:00:00.000Z' }), receptionist);
      const data = s.of('ComplaintRegistered')[0]!.data;
      expect(data.deadlines.replyDue).toBe('2026-03-23');
      expect(data.deadlines.replyBasis).toContain('2026-03-21');
    });

    it('R-LAW-14: a reply deadline ending on Easter Monday 2026 moves to Tuesday', () => {
      const s = ComplaintScenario.at('2026-03-22T10:00:00Z');
      s.run(registration({ channel: 'web_form', receivedAt: '2026-03-22T08:00:00.000Z' }), receptionist);
      expect(s.of('ComplaintRegistered')[0]!.data.deadlines.replyDue).toBe('2026-04-07');
    });

    it('R-LAW-14: a reply deadline ending on 24 December 2026, a swapped rest day, moves past Christmas to the 28th', () => {
      const s = ComplaintScenario.at('2026-12-09T10:00:00Z');
      s.run(registration({ receivedAt: '2026-12-09T09:00:00.000Z' }), receptionist);
      expect(s.of('ComplaintRegistered')[0]!.data.deadlines.replyDue).toBe('2026-12-28');
    });

    it('R-CHN-04: a working-day duty counts the swapped working Saturday of 10 January 2026', () => {
      const s = ComplaintScenario.at('2026-01-09T10:00:00Z');
      s.run(registration({ receivedAt: '2026-01-09T09:00:00.000Z', channel: 'phone', recordPlace: 'call centre' }), receptionist);
      s.run({ type: 'RecordIdentityVerification', data: { callId: 'call-1', method: 'customer_number' } }, receptionist);
      s.run({ type: 'RecordDisclosure', data: { channel: 'phone', information: 'technical_information', callId: 'call-1', callRecordingId: null, recipient: 'debtor', authorisationChecked: false, important: true, summary: 'repair scheduled for Tuesday' } }, receptionist);
      // Two working days after Friday 9 January: Saturday 10 (worked) and Monday 12.
      expect(s.of('DutyOpened').find((e) => e.data.kind === 'written_confirmation')!.data).toMatchObject({ dueDate: '2026-01-12', rule: 'R-CHN-04' });
    });
  });

  describe('designation and takeover', () => {
    it('R-CPL-04: a supervisor of the responsible unit designates, and only the designated clerk takes over', () => {
      const s = new ComplaintScenario();
      s.run(registration(), receptionist);
      expect(s.refuse({ type: 'DesignateClerk', data: { clerkId: 'clerk-kiss' } }, receptionist)).toMatchObject({ code: 'COMPLAINT.NOT_DESIGNATING_SUPERVISOR', rule: 'R-CPL-04' });
      expect(s.refuse({ type: 'DesignateClerk', data: { clerkId: 'clerk-kiss' } }, { userId: 'other-leader', role: 'supervisor', unit: 'cso-debrecen' })).toMatchObject({ code: 'COMPLAINT.NOT_DESIGNATING_SUPERVISOR' });
      expect(s.refuse({ type: 'TakeOverComplaint', data: {} }, handler)).toMatchObject({ code: 'COMPLAINT.NO_CLERK_DESIGNATED' });
      expect(s.run({ type: 'DesignateClerk', data: { clerkId: 'clerk-kiss' } }, supervisor)).toEqual([{ type: 'ClerkDesignated', data: { clerkId: 'clerk-kiss', designatedBy: 'group-leader', unit: 'cso-budapest' } }]);
      expect(s.refuse({ type: 'TakeOverComplaint', data: {} }, receptionist)).toMatchObject({ code: 'COMPLAINT.NOT_DESIGNATED_CLERK', rule: 'R-CPL-04' });
      expect(s.run({ type: 'TakeOverComplaint', data: {} }, handler)).toEqual([{ type: 'ComplaintTakenOver', data: { clerkId: 'clerk-kiss', takenOverOn: '2026-03-02' } }]);
      expect(s.run({ type: 'TakeOverComplaint', data: {} }, handler)).toEqual([]);
    });

    it('R-CPL-04: reassignment is recorded with the previous clerk and the reason, never overwritten', () => {
      const s = new ComplaintScenario().registeredAndTakenOver();
      expect(s.refuse({ type: 'DesignateClerk', data: { clerkId: 'clerk-nagy' } }, supervisor)).toMatchObject({ code: 'COMPLAINT.CLERK_ALREADY_DESIGNATED' });
      expect(s.refuse({ type: 'ReassignClerk', data: { clerkId: 'clerk-nagy', reason: ' ' } }, supervisor)).toMatchObject({ code: 'COMPLAINT.REASSIGNMENT_REASON_MISSING' });
      s.run({ type: 'ReassignClerk', data: { clerkId: 'clerk-nagy', reason: 'clerk-kiss on leave' } }, supervisor);
      expect(s.of('ClerkDesignated').length + s.of('ClerkReassigned').length).toBe(2);
      expect(s.of('ClerkReassigned')[0]!.data).toEqual({ previousClerkId: 'clerk-kiss', clerkId: 'clerk-nagy', reassignedBy: 'group-leader', reason: 'clerk-kiss on leave' });
      // The previous clerk can no longer record steps; the new one takes over first.
      expect(s.refuse({ type: 'RecordRecordsChecked', data: { records: 'x', findings: 'y' } }, handler)).toMatchObject({ code: 'COMPLAINT.NOT_TAKEN_OVER' });
      const nagy = { userId: 'clerk-nagy', role: 'clerk' as const, unit: 'cso-budapest' };
      s.run({ type: 'TakeOverComplaint', data: {} }, nagy);
      expect(s.refuse({ type: 'RecordRecordsChecked', data: { records: 'x', findings: 'y' } }, handler)).toMatchObject({ code: 'COMPLAINT.NOT_HANDLING_CLERK' });
      expect(s.run({ type: 'RecordRecordsChecked', data: { records: 'x', findings: 'y' } }, nagy)).toHaveLength(1);
    });
  });

  describe('investigation', () => {
    it('R-CPL-10: records checked, documents requested and received, and a site inspection with the agreed date are recorded as they happen', () => {
      const s = new ComplaintScenario().registeredAndTakenOver();
      s.run({ type: 'RecordRecordsChecked', data: { records: 'meter readings 2025', findings: 'gap in February' } });
      s.run({ type: 'RequestDocuments', data: { documents: ['photo of the meter'], channel: 'email' } });
      s.run({ type: 'ReceiveDocuments', data: { documents: ['photo of the meter'] } });
      s.run({ type: 'RequestSiteInspection', data: { agreedDate: '2026-03-05', note: 'customer home after 16:00' } });
      s.advanceDays(3);
      s.run({ type: 'RecordSiteInspection', data: { inspectedOn: '2026-03-05', findings: 'radiator valve stuck' } });
      expect(s.events.map((e) => e.type).slice(-5)).toEqual(['RecordsChecked', 'DocumentsRequested', 'DocumentsReceived', 'SiteInspectionRequested', 'SiteInspectionCarriedOut']);
      expect(s.of('SiteInspectionRequested')[0]!.data).toEqual({ agreedDate: '2026-03-05', note: 'customer home after 16:00', viaDispatcher: true });
      expect(s.refuse({ type: 'RequestSiteInspection', data: { agreedDate: '2026-03-01', note: null } })).toMatchObject({ code: 'COMPLAINT.DATE_IN_PAST', details: { field: 'agreedDate' } });
    });

    it('R-CPL-10: only the clerk who took the complaint over records its steps', () => {
      const s = new ComplaintScenario();
      s.run(registration(), receptionist);
      expect(s.refuse({ type: 'RecordRecordsChecked', data: { records: 'x', findings: 'y' } })).toMatchObject({ code: 'COMPLAINT.NOT_TAKEN_OVER', rule: 'R-CPL-04' });
    });

    it('R-MTR-01: on a meter dispute the owner has the meter examined and the result is recorded', () => {
      const s = new ComplaintScenario().registeredAndTakenOver({ kind: 'meter_dispute' });
      expect(s.refuse({ type: 'RecordMeterExaminationResult', data: { withinLimits: true, meterFit: true, deviationPercent: 1, laboratory: 'BFKH', costs: 18000, chargeRequester: false } })).toMatchObject({ code: 'COMPLAINT.NO_METER_EXAMINATION' });
      s.run({ type: 'OrderMeterExamination', data: { meterId: 'HM-88', meterOwner: 'provider', requestedBy: 'customer' } });
      expect(s.refuse({ type: 'OrderMeterExamination', data: { meterId: 'HM-88', meterOwner: 'provider', requestedBy: 'customer' } })).toMatchObject({ code: 'COMPLAINT.METER_EXAMINATION_EXISTS' });
      const other = new ComplaintScenario().registeredAndTakenOver({ kind: 'bill_objection' });
      expect(other.refuse({ type: 'OrderMeterExamination', data: { meterId: 'HM-1', meterOwner: 'provider', requestedBy: 'customer' } })).toMatchObject({ code: 'COMPLAINT.NOT_A_METER_DISPUTE', rule: 'R-MTR-01' });
    });

    it('R-MTR-02: a meter beyond the limit or unfit puts all costs on its owner', () => {
      const s = new ComplaintScenario().registeredAndTakenOver({ kind: 'meter_dispute' });
      s.run({ type: 'OrderMeterExamination', data: { meterId: 'HM-88', meterOwner: 'provider', requestedBy: 'customer' } });
      expect(s.refuse({ type: 'RecordMeterExaminationResult', data: { withinLimits: false, meterFit: true, deviationPercent: 7.5, laboratory: 'BFKH', costs: 18000, chargeRequester: true } })).toMatchObject({ code: 'METER.COSTS_ON_OWNER', rule: 'R-MTR-02' });
      s.run({ type: 'RecordMeterExaminationResult', data: { withinLimits: false, meterFit: true, deviationPercent: 7.5, laboratory: 'BFKH', costs: 18000, chargeRequester: false } });
      expect(s.of('MeterExaminationResultRecorded')[0]!.data).toMatchObject({ costBearer: 'meter_owner', costBearerParty: 'provider', rule: 'R-MTR-02' });
    });

    it('R-MTR-02: a meter within limits lets the owner charge the costs to the requester', () => {
      const s = new ComplaintScenario().registeredAndTakenOver({ kind: 'meter_dispute' });
      s.run({ type: 'OrderMeterExamination', data: { meterId: 'HM-88', meterOwner: 'provider', requestedBy: 'customer' } });
      s.run({ type: 'RecordMeterExaminationResult', data: { withinLimits: true, meterFit: true, deviationPercent: 0.8, laboratory: 'BFKH', costs: 18000, chargeRequester: true } });
      expect(s.of('MeterExaminationResultRecorded')[0]!.data).toMatchObject({ costBearer: 'requester', costBearerParty: 'customer', costs: 18000 });
    });

    it('R-MTR-03: a fault period is estimated from the same period of the previous year when there is one', () => {
      const s = new ComplaintScenario().registeredAndTakenOver({ kind: 'meter_dispute' });
      const estimate = { faultFrom: '2026-01-01', faultTo: '2026-01-31', correction: 'degree-days +4%', estimatedGj: 3.2 };
      expect(s.refuse({ type: 'EstimateConsumption', data: { ...estimate, basis: 'before_fault', basisFrom: '2025-12-01', basisTo: '2025-12-31', previousYearDataAvailable: true } })).toMatchObject({ code: 'METER.ESTIMATE_BASIS', rule: 'R-MTR-03' });
      expect(s.refuse({ type: 'EstimateConsumption', data: { ...estimate, basis: 'same_period_previous_year', basisFrom: '2024-01-01', basisTo: '2024-01-31', previousYearDataAvailable: true } })).toMatchObject({ rule: 'R-MTR-03' });
      s.run({ type: 'EstimateConsumption', data: { ...estimate, basis: 'same_period_previous_year', basisFrom: '2025-01-01', basisTo: '2025-01-31', previousYearDataAvailable: true } });
      expect(s.of('ConsumptionEstimated')[0]!.data).toMatchObject({ basis: 'same_period_previous_year', estimatedGj: 3.2 });
    });

    it('R-MTR-03: without a previous-year period, at least one month after the repair or before the fault', () => {
      const s = new ComplaintScenario().registeredAndTakenOver({ kind: 'meter_dispute' });
      const estimate = { faultFrom: '2026-01-10', faultTo: '2026-01-31', correction: null, estimatedGj: 2.1, previousYearDataAvailable: false };
      expect(s.refuse({ type: 'EstimateConsumption', data: { ...estimate, basis: 'after_repair', basisFrom: '2026-02-01', basisTo: '2026-02-20' } })).toMatchObject({ code: 'METER.ESTIMATE_BASIS', details: { field: 'basisTo' } });
      expect(s.refuse({ type: 'EstimateConsumption', data: { ...estimate, basis: 'after_repair', basisFrom: '2026-01-20', basisTo: '2026-02-28' } })).toMatchObject({ details: { field: 'basisFrom' } });
      s.run({ type: 'EstimateConsumption', data: { ...estimate, basis: 'after_repair', basisFrom: '2026-02-01', basisTo: '2026-02-28' } });
      expect(s.of('ConsumptionEstimated')).toHaveLength(1);
    });

    it('R-QLT-01: a quality complaint is investigated out of turn, or at a time agreed with the customer', () => {
      const s = new ComplaintScenario();
      s.run(registration({ kind: 'quality_complaint', channel: 'email' }), receptionist);
      expect(s.of('QualityInvestigationScheduled')[0]!.data).toEqual({ mode: 'out_of_turn', investigateBy: '2026-03-02' });
      expect(dutiesOpened(s)).toContainEqual(['quality_investigation', '2026-03-02', 'R-QLT-01']);
      const agreed = new ComplaintScenario();
      agreed.run(registration({ kind: 'quality_complaint', channel: 'email', qualityInvestigation: { mode: 'agreed_time', agreedAt: '2026-03-04T14:00:00.000Z' } }), receptionist);
      expect(agreed.of('QualityInvestigationScheduled')[0]!.data).toEqual({ mode: 'agreed_time', investigateBy: '2026-03-04' });
    });

    it('R-QLT-01: the first investigation step fulfils the out-of-turn duty', () => {
      const s = new ComplaintScenario().registeredAndTakenOver({ kind: 'quality_complaint', channel: 'email' });
      const decided = s.run({ type: 'RecordHotWaterMeasurement', data: { measuredAt: '2026-03-02T08:55:00.000Z', temperatureCelsius: 45, afterSecondsOfUse: 60 } });
      expect(decided[1]).toEqual({ type: 'DutyDischarged', data: { dutyId: 'quality-investigation', dischargedOn: '2026-03-02', late: false } });
    });

    it('R-QLT-03: hot water below 40 °C after one minute is a breach that entitles the customer to a fee refund', () => {
      const s = new ComplaintScenario().registeredAndTakenOver({ kind: 'quality_complaint', channel: 'email' });
      s.run({ type: 'RecordHotWaterMeasurement', data: { measuredAt: '2026-03-02T08:55:00.000Z', temperatureCelsius: 38.5, afterSecondsOfUse: 60 } });
      s.run({ type: 'RecordHotWaterMeasurement', data: { measuredAt: '2026-03-02T08:57:00.000Z', temperatureCelsius: 40, afterSecondsOfUse: 75 } });
      expect(s.of('HotWaterMeasured').map((e) => [e.data.temperatureCelsius, e.data.breachByProvider, e.data.feeRefundDue])).toEqual([[38.5, true, true], [40, false, false]]);
      expect(s.refuse({ type: 'RecordHotWaterMeasurement', data: { measuredAt: '2026-03-02T08:58:00.000Z', temperatureCelsius: 30, afterSecondsOfUse: 20 } })).toMatchObject({ code: 'QUALITY.MEASURED_TOO_EARLY', rule: 'R-QLT-03' });
    });

    it('R-QLT-02: repairs of provider systems or under a maintenance contract are the provider’s; others need a separate paid order; unfounded investigations may be charged', () => {
      const cases = [
        [{ systemOwner: 'provider', maintenanceContract: false, complaintFounded: true }, { repairCostBearer: 'provider', repairNeedsSeparateOrder: false, investigationCostChargeableToRequester: false }],
        [{ systemOwner: 'customer', maintenanceContract: false, complaintFounded: true }, { repairCostBearer: 'customer', repairNeedsSeparateOrder: true, investigationCostChargeableToRequester: false }],
        [{ systemOwner: 'customer', maintenanceContract: true, complaintFounded: true }, { repairCostBearer: 'provider', repairNeedsSeparateOrder: false }],
        [{ systemOwner: 'provider', maintenanceContract: false, complaintFounded: false }, { investigationCostChargeableToRequester: true }],
      ] as const;
      for (const [input, expected] of cases) {
        const s = new ComplaintScenario().registeredAndTakenOver({ kind: 'quality_complaint', channel: 'email' });
        s.run({ type: 'AllocateQualityCosts', data: { ...input, repairCost: 25000, investigationCost: 8000 } });
        expect(s.of('QualityCostsAllocated')[0]!.data).toMatchObject(expected);
      }
    });
  });

  describe('findings, corrections and bill objections', () => {
    it('R-CPL-01: a finding needs at least one recorded action', () => {
      const s = new ComplaintScenario().registeredAndTakenOver();
      expect(s.refuse({ type: 'RecordFinding', data: { finding: 'justified', reasoning: 'x' } })).toMatchObject({ code: 'COMPLAINT.NOT_INVESTIGATED', rule: 'R-CPL-01' });
    });

    it('R-CPL-11: justified, partly justified and unjustified are the findings; corrections follow only a justified one', () => {
      const s = new ComplaintScenario().registeredAndTakenOver().investigated();
      expect(s.refuse({ type: 'RecordCorrection', data: { area: 'invoice', description: 'x', amount: null } })).toMatchObject({ code: 'COMPLAINT.CORRECTION_WITHOUT_JUSTIFIED_FINDING', rule: 'R-CPL-11' });
      s.run({ type: 'RecordFinding', data: { finding: 'partly_justified', reasoning: 'the reading was doubled, the tariff was right' } });
      for (const area of ['contract_data', 'master_data', 'invoice', 'settlement', 'arrears'] as const) s.run({ type: 'RecordCorrection', data: { area, description: `corrected ${area}`, amount: area === 'invoice' ? -12500 : null } });
      expect(s.of('CorrectionRecorded').map((e) => e.data.area)).toEqual(['contract_data', 'master_data', 'invoice', 'settlement', 'arrears']);
      const unjustified = new ComplaintScenario().registeredAndTakenOver().investigated();
      unjustified.run({ type: 'RecordFinding', data: { finding: 'unjustified', reasoning: 'the bill is right' } });
      expect(unjustified.refuse({ type: 'RecordCorrection', data: { area: 'invoice', description: 'x', amount: null } })).toMatchObject({ rule: 'R-CPL-11' });
    });

    it('R-CPL-11: the reply to a justified complaint needs the corrections first, and lists them', () => {
      const s = new ComplaintScenario().registeredAndTakenOver().investigated();
      s.run({ type: 'RecordFinding', data: { finding: 'justified', reasoning: 'reading doubled' } });
      const reply = { type: 'SendReply' as const, data: { channel: 'letter' as const, sentAt: '2026-03-02T08:59:00.000Z', summary: 'Your objection is justified.', reasons: 'The January reading was entered twice.', redress: null, recordCopyEnclosed: false } };
      expect(s.refuse(reply)).toMatchObject({ code: 'COMPLAINT.JUSTIFIED_WITHOUT_CORRECTION', rule: 'R-CPL-11' });
      s.run({ type: 'RecordCorrection', data: { area: 'invoice', description: 'credit note for January', amount: -12500 } });
      s.run(reply);
      expect(s.of('ReplySent')[0]!.data).toMatchObject({ finding: 'justified', corrections: ['id-1'], late: false });
    });

    it('R-BIL-01: a bill objection does not suspend the duty to pay the bill', () => {
      const s = new ComplaintScenario();
      s.run(registration({ kind: 'bill_objection' }), receptionist);
      expect(s.of('ComplaintRegistered')[0]!.data.paymentObligationContinues).toBe(true);
      const other = new ComplaintScenario();
      other.run(registration({ kind: 'quality_complaint', channel: 'email' }), receptionist);
      expect(other.of('ComplaintRegistered')[0]!.data.paymentObligationContinues).toBeNull();
    });

    it('R-BIL-03: a justified refund is credited in the monthly billing after the finding, tracked until credited', () => {
      const s = ComplaintScenario.at('2026-03-20T09:00:00Z').registeredAndTakenOver({ receivedAt: '2026-03-19T09:00:00.000Z' }).investigated();
      expect(s.refuse({ type: 'ScheduleRefund', data: { amount: 12500 } })).toMatchObject({ code: 'COMPLAINT.REFUND_WITHOUT_JUSTIFIED_FINDING', rule: 'R-BIL-03' });
      s.run({ type: 'RecordFinding', data: { finding: 'justified', reasoning: 'double reading' } });
      s.run({ type: 'ScheduleRefund', data: { amount: 12500 } });
      expect(s.of('RefundScheduled')[0]!.data).toMatchObject({ amount: 12500, billingPeriod: '2026-04' });
      expect(dutiesOpened(s)).toContainEqual(['refund_in_next_billing', '2026-04-30', 'R-BIL-03']);
      s.advanceDays(20);
      const credited = s.run({ type: 'RecordRefundCredited', data: { billingPeriod: '2026-04', invoiceNumber: 'SZ-2026-04-0001' } });
      expect(credited[1]).toMatchObject({ type: 'DutyDischarged', data: { dischargedOn: '2026-04-09', late: false } });
    });

    it('R-BIL-04: a difference owed is paid in equal instalments over as many months as the erroneous billing lasted', () => {
      const s = new ComplaintScenario().registeredAndTakenOver().investigated();
      s.run({ type: 'RecordFinding', data: { finding: 'unjustified', reasoning: 'the estimate was too low for 3 months' } });
      expect(s.refuse({ type: 'AgreeInstalmentPlan', data: { amountOwed: 30001, erroneousBillingMonths: 3, firstInstalmentMonth: '2026-04', channel: 'phone' } })).toMatchObject({ code: 'CHANNEL.IN_PERSON_ONLY', rule: 'R-CHN-01' });
      s.run({ type: 'AgreeInstalmentPlan', data: { amountOwed: 30001, erroneousBillingMonths: 3, firstInstalmentMonth: '2026-04', channel: 'in_person' } });
      expect(s.of('InstalmentPlanAgreed')[0]!.data.instalments).toEqual([
        { month: '2026-04', amount: 10001 },
        { month: '2026-05', amount: 10000 },
        { month: '2026-06', amount: 10000 },
      ]);
    });
  });

  describe('replies, extension and closing', () => {
    const letter = (overrides: Record<string, unknown> = {}) => ({ type: 'SendReply' as const, data: { channel: 'letter' as const, sentAt: '2026-03-02T08:59:00.000Z', summary: 'Your complaint was examined.', reasons: 'The bill matches the meter readings.', redress, recordCopyEnclosed: false, ...overrides } });

    it('R-LAW-01: the reply states the result with reasons', () => {
      const s = new ComplaintScenario().registeredAndTakenOver().investigated();
      expect(s.refuse(letter())).toMatchObject({ code: 'COMPLAINT.REPLY_WITHOUT_FINDING', rule: 'R-LAW-01' });
      s.run({ type: 'RecordFinding', data: { finding: 'unjustified', reasoning: 'bill right' } });
      expect(s.refuse(letter({ reasons: '  ' }))).toMatchObject({ code: 'COMPLAINT.REPLY_WITHOUT_REASONS' });
    });

    it('R-LAW-07: a rejection names the consumer-protection authority and the conciliation board with contact details', () => {
      const s = new ComplaintScenario().registeredAndTakenOver().investigated();
      s.run({ type: 'RecordFinding', data: { finding: 'unjustified', reasoning: 'bill right' } });
      expect(s.refuse(letter({ redress: null }))).toMatchObject({ code: 'COMPLAINT.REJECTION_WITHOUT_REDRESS', rule: 'R-LAW-07', details: { field: 'redress' } });
      expect(s.refuse(letter({ redress: { ...redress, conciliationBoard: { name: 'BBT', address: '', phone: null, email: null } } }))).toMatchObject({ rule: 'R-LAW-07' });
      s.run(letter());
      expect(s.of('ReplySent')[0]!.data.redress).toEqual(redress);
    });

    it('R-LAW-04: the copy of the record not handed over goes with the reply', () => {
      const s = new ComplaintScenario().registeredAndTakenOver({ channel: 'phone', recordPlace: 'call centre' }).investigated();
      s.run({ type: 'RecordFinding', data: { finding: 'unjustified', reasoning: 'bill right' } });
      expect(s.refuse(letter())).toMatchObject({ code: 'COMPLAINT.RECORD_COPY_MISSING', rule: 'R-LAW-04' });
      s.run(letter({ recordCopyEnclosed: true }));
    });

    it('R-CPL-07: a complaint by letter needs a written reply before it closes', () => {
      const s = new ComplaintScenario().registeredAndTakenOver().investigated();
      s.run({ type: 'RecordFinding', data: { finding: 'unjustified', reasoning: 'bill right' } });
      expect(s.refuse({ type: 'CloseComplaint', data: {} })).toMatchObject({ code: 'COMPLAINT.REPLY_OUTSTANDING', rule: 'R-CPL-07' });
      s.run(letter());
      const closed = s.run({ type: 'CloseComplaint', data: {} });
      expect(closed[0]).toMatchObject({ type: 'ComplaintClosed', data: { outcome: 'unjustified', closure: 'handled', closedOn: '2026-03-02' } });
      expect(s.state().status).toBe('closed');
      expect(s.refuse({ type: 'RecordRecordsChecked', data: { records: 'x', findings: 'y' } })).toMatchObject({ code: 'COMPLAINT.ALREADY_CLOSED' });
    });

    it('R-CPL-08: an in-person complaint settled on the spot needs no written reply and closes with that outcome', () => {
      const s = new ComplaintScenario();
      s.run(registration({ channel: 'in_person', settledOnTheSpot: { position: 'reading corrected at the desk' } }), receptionist);
      expect(s.of('ComplaintRegistered')[0]!.data).toMatchObject({ writtenReplyRequired: false, deadlines: { replyDue: null } });
      expect(s.of('DutyOpened')).toEqual([]);
      expect(s.of('ComplaintRecordDrawnUp')).toEqual([]);
      s.run({ type: 'CloseComplaint', data: {} }, supervisor);
      expect(s.of('ComplaintClosed')[0]!.data).toMatchObject({ outcome: 'settled_on_the_spot', closure: 'settled_on_the_spot' });
    });

    it('R-CPL-08: an in-person complaint that cannot be settled at once becomes a tracked reply duty', () => {
      const s = new ComplaintScenario();
      s.run(registration({ channel: 'in_person', recordPlace: 'desk 2', customerSignedRecord: true }), receptionist);
      expect(s.of('ComplaintRegistered')[0]!.data.writtenReplyRequired).toBe(true);
      expect(dutiesOpened(s)).toEqual([['written_reply', '2026-03-17', 'R-LAW-01']]);
      expect(new ComplaintScenario().refuse(registration({ channel: 'letter', settledOnTheSpot: { position: 'x' } }), receptionist)).toMatchObject({ code: 'COMPLAINT.NOT_ORAL' });
    });

    it('R-CPL-01: a complaint cannot be closed without an action and an outcome', () => {
      const s = new ComplaintScenario().registeredAndTakenOver();
      expect(s.refuse({ type: 'CloseComplaint', data: {} })).toMatchObject({ code: 'COMPLAINT.CLOSE_WITHOUT_ACTION', rule: 'R-CPL-01' });
      s.investigated();
      expect(s.refuse({ type: 'CloseComplaint', data: {} })).toMatchObject({ code: 'COMPLAINT.CLOSE_WITHOUT_OUTCOME', rule: 'R-CPL-01', details: { field: 'finding' } });
    });

    it('R-CPL-01: a withdrawn complaint closes with the outcome withdrawn and its duties cancelled', () => {
      const s = new ComplaintScenario().registeredAndTakenOver();
      const decided = s.run({ type: 'WithdrawComplaint', data: { reason: 'customer paid and withdrew by phone' } });
      expect(decided.map((e) => e.type)).toEqual(['ComplaintWithdrawn', 'ComplaintClosed', 'DutyCancelled']);
      expect(s.of('ComplaintClosed')[0]!.data.outcome).toBe('withdrawn');
    });

    it('R-CPL-09: closing records until when the record, the reply and the papers are kept', () => {
      const s = new ComplaintScenario().registeredAndTakenOver().investigated();
      s.run({ type: 'RecordFinding', data: { finding: 'unjustified', reasoning: 'bill right' } });
      s.run(letter());
      s.run({ type: 'CloseComplaint', data: {} });
      expect(s.of('ComplaintClosed')[0]!.data.retainUntil).toEqual({ complaint_record: '2029-03-02', complaint_reply: '2029-03-02', case_document: '2029-03-02' });
      const old = ComplaintScenario.at('2026-03-02T09:00:00Z', 'alfa-nova-2013').registeredAndTakenOver().investigated();
      old.run({ type: 'RecordFinding', data: { finding: 'unjustified', reasoning: 'bill right' } });
      old.run(letter());
      old.run({ type: 'CloseComplaint', data: {} });
      expect(old.of('ComplaintClosed')[0]!.data.retainUntil.complaint_record).toBe('2031-03-02');
    });

    it('R-LAW-02: the reply deadline is extended once, for a site inspection, with written notice before it passes', () => {
      const s = new ComplaintScenario().registeredAndTakenOver();
      const extension = { type: 'ExtendReplyDeadline' as const, data: { reason: 'site_inspection' as const, extendByDays: 15, customerNotifiedAt: '2026-03-02T08:50:00.000Z', noticeChannel: 'letter' as const } };
      const decided = s.run(extension);
      expect(decided).toEqual([
        { type: 'ReplyDeadlineExtended', data: { reason: 'site_inspection', previousDue: '2026-03-17', newDue: '2026-04-01', extendByDays: 15, customerNotifiedAt: '2026-03-02T08:50:00.000Z', noticeChannel: 'letter' } },
        { type: 'DutyRescheduled', data: { dutyId: 'written-reply', previousDueDate: '2026-03-17', dueDate: '2026-04-01', reason: 'extended for site_inspection', rule: 'R-LAW-02' } },
      ]);
      expect(s.refuse(extension)).toMatchObject({ code: 'COMPLAINT.EXTENSION_ALREADY_USED', rule: 'R-LAW-02' });
    });

    it('R-LAW-02: an extension is refused after the deadline, for another reason, beyond 15 days, or with late or oral notice', () => {
      const base = { reason: 'authority_query' as const, extendByDays: 10, customerNotifiedAt: '2026-03-02T08:50:00.000Z', noticeChannel: 'email' as const };
      const s = new ComplaintScenario().registeredAndTakenOver();
      expect(s.refuse({ type: 'ExtendReplyDeadline', data: { ...base, reason: 'workload' as never } })).toMatchObject({ code: 'COMPLAINT.EXTENSION_REASON' });
      expect(s.refuse({ type: 'ExtendReplyDeadline', data: { ...base, extendByDays: 16 } })).toMatchObject({ code: 'COMPLAINT.EXTENSION_TOO_LONG' });
      expect(s.refuse({ type: 'ExtendReplyDeadline', data: { ...base, noticeChannel: 'phone' as never } })).toMatchObject({ code: 'COMPLAINT.EXTENSION_NOTICE_NOT_WRITTEN' });
      s.advanceDays(16);
      expect(s.refuse({ type: 'ExtendReplyDeadline', data: { ...base, customerNotifiedAt: '2026-03-18T08:00:00.000Z' } })).toMatchObject({ code: 'COMPLAINT.EXTENSION_AFTER_DEADLINE', rule: 'R-LAW-02' });
      // 23:58 in Budapest on the last day: the extension is recorded in time, the notice goes out after midnight.
      const late = new ComplaintScenario().registeredAndTakenOver();
      late.now = new Date('2026-03-17T22:58:00.000Z');
      expect(late.refuse({ type: 'ExtendReplyDeadline', data: { ...base, customerNotifiedAt: '2026-03-17T23:02:00.000Z' } })).toMatchObject({ code: 'COMPLAINT.EXTENSION_NOTICE_LATE', rule: 'R-LAW-02' });
      const old = ComplaintScenario.at('2026-03-02T09:00:00Z', 'alfa-nova-2013').registeredAndTakenOver();
      expect(old.refuse({ type: 'ExtendReplyDeadline', data: base })).toMatchObject({ code: 'COMPLAINT.EXTENSION_NOT_ALLOWED', rule: 'R-LAW-02' });
    });

    it('R-LAW-05: the written-reply duty lapses, with the reason, only where the customer withheld what the case shows', () => {
      const s = new ComplaintScenario().registeredAndTakenOver({ complainant: { ...registration().data.complainant, address: null, email: null } });
      expect(s.refuse({ type: 'RecordWrittenReplyLapse', data: { reason: 'refused_to_sign', explanation: 'x' } })).toMatchObject({ code: 'COMPLAINT.LAPSE_NOT_SUPPORTED', rule: 'R-LAW-05' });
      s.run({ type: 'RecordWrittenReplyLapse', data: { reason: 'identity_withheld', explanation: 'no address or e-mail given' } });
      expect(s.of('DutyCancelled').map((e) => e.data)).toEqual([{ dutyId: 'written-reply', reason: 'written reply duty lapsed: identity_withheld', rule: 'R-LAW-05' }]);
      s.investigated();
      s.run({ type: 'RecordFinding', data: { finding: 'unjustified', reasoning: 'bill right' } });
      expect(s.run({ type: 'CloseComplaint', data: {} })[0]!.type).toBe('ComplaintClosed');
      const signature = new ComplaintScenario().registeredAndTakenOver({ channel: 'in_person', recordPlace: 'desk', customerSignedRecord: false });
      expect(signature.run({ type: 'RecordWrittenReplyLapse', data: { reason: 'refused_to_sign', explanation: 'customer refused to sign the record' } })[0]!.type).toBe('WrittenReplyDutyLapsed');
    });

    /** A complaint registered on its own stream; `registration` overrides go into its data. */
    const complaintOn = (complaintId: string, receivedAt: string, overrides: Parameters<typeof registration>[0] = {}) => {
      const s = new ComplaintScenario();
      s.run(registration({ complaintId, receivedAt, ...overrides }), receptionist);
      return s;
    };
    const repeatOf = (earlier: ComplaintScenario, complaintId: string, reason = 'same objection, no new information') => ({ type: 'CloseAsRepeated' as const, data: { earlier: earlierComplaintOf(complaintId, earlier.state()), reason } });

    it('R-LAW-06: a repeated complaint with no new information is closed with the reason and a link to the earlier one', () => {
      const earlier = complaintOn('c-0', '2026-03-01T10:00:00.000Z');
      const s = complaintOn('c-1', '2026-03-02T08:30:00.000Z');
      expect(s.refuse(repeatOf(s, 'c-1', 'same'), supervisor)).toMatchObject({ code: 'COMPLAINT.LINK_TO_ITSELF' });
      const decided = s.run(repeatOf(earlier, 'c-0', 'same objection as BP/2026/7, no new information'), supervisor);
      expect(decided[0]).toMatchObject({ type: 'ComplaintClosed', data: { outcome: 'not_investigated', closure: 'repeated', linkedComplaintId: 'c-0', linkedRegisterEntry: 'BP/2026/7' } });
      expect(decided.slice(1).map((e) => e.type)).toEqual(['DutyCancelled']);
    });

    it('R-LAW-06: the original cannot be closed as a repeat of a later complaint: its reply duty stays', () => {
      const original = complaintOn('c-0', '2026-03-01T10:00:00.000Z');
      const later = complaintOn('c-1', '2026-03-02T08:30:00.000Z');
      const refused = original.refuse(repeatOf(later, 'c-1'), supervisor);
      expect(refused).toMatchObject({ code: 'COMPLAINT.EARLIER_NOT_EARLIER', rule: 'R-LAW-06', details: { field: 'earlierComplaintId', earlierReceivedAt: '2026-03-02T08:30:00.000Z', receivedAt: '2026-03-01T10:00:00.000Z' } });
      // Received at the same moment is not earlier either.
      const twin = complaintOn('c-2', '2026-03-01T10:00:00.000Z');
      expect(original.refuse(repeatOf(twin, 'c-2'), supervisor)).toMatchObject({ code: 'COMPLAINT.EARLIER_NOT_EARLIER' });
      expect(original.state()).toMatchObject({ status: 'open', duties: { 'written-reply': expect.anything() } });
    });

    it('R-LAW-06: two complaints cannot be closed as repeats of each other', () => {
      const first = complaintOn('c-0', '2026-03-01T10:00:00.000Z');
      const second = complaintOn('c-1', '2026-03-02T08:30:00.000Z');
      second.run(repeatOf(first, 'c-0'), supervisor);
      // Even were the receipt times out of order, the earlier one is itself a repeat of this one.
      const facts = { ...earlierComplaintOf('c-1', second.state()), receivedAt: '2026-02-01T00:00:00.000Z' } as const;
      expect(first.refuse({ type: 'CloseAsRepeated', data: { earlier: facts, reason: 'same' } }, supervisor)).toMatchObject({ code: 'COMPLAINT.MUTUAL_REPEAT', rule: 'R-LAW-06' });
    });

    it('R-LAW-06: only a complaint of the same customer is repeated: same customer number, or same name and address', () => {
      const later = complaintOn('c-1', '2026-03-02T08:30:00.000Z');
      const other = complaintOn('c-0', '2026-03-01T10:00:00.000Z', { complainant: { ...registration().data.complainant, customerNumber: 'U-2002' } });
      expect(later.refuse(repeatOf(other, 'c-0'), supervisor)).toMatchObject({ code: 'COMPLAINT.REPEAT_OF_ANOTHER_CUSTOMER', rule: 'R-LAW-06', details: { field: 'earlierComplaintId' } });
      const unnumbered = { ...registration().data.complainant, customerNumber: null };
      const sameByAddress = complaintOn('c-2', '2026-03-01T10:00:00.000Z', { complainant: { ...unnumbered, name: '  kovács  éva ', address: '1111 Budapest, Fő utca 1.' } });
      const laterUnnumbered = complaintOn('c-3', '2026-03-02T08:30:00.000Z', { complainant: unnumbered });
      expect(laterUnnumbered.run(repeatOf(sameByAddress, 'c-2'), supervisor)[0]).toMatchObject({ data: { closure: 'repeated', linkedComplaintId: 'c-2' } });
      expect(later.refuse({ type: 'CloseAsRepeated', data: { earlier: { exists: false, complaintId: 'c-9' }, reason: 'same' } }, supervisor)).toMatchObject({ code: 'COMPLAINT.EARLIER_NOT_FOUND', rule: 'R-LAW-06' });
    });

    it('R-LAW-06: an anonymous complaint may be closed without investigation; a named one may not', () => {
      const named = new ComplaintScenario();
      named.run(registration(), receptionist);
      expect(named.refuse({ type: 'CloseAsAnonymous', data: { reason: 'x' } }, supervisor)).toMatchObject({ code: 'COMPLAINT.NOT_ANONYMOUS', rule: 'R-LAW-06' });
      const anonymous = new ComplaintScenario();
      anonymous.run(registration({ anonymous: true, complainant: { ...registration().data.complainant, name: null, address: null } }), receptionist);
      expect(anonymous.run({ type: 'CloseAsAnonymous', data: { reason: 'anonymous letter' } }, supervisor)[0]).toMatchObject({ data: { closure: 'anonymous' } });
    });
  });

  describe('disclosure by channel', () => {
    const disclosure = (overrides: Record<string, unknown>) => ({ type: 'RecordDisclosure' as const, data: { channel: 'phone' as const, information: 'personal_data' as const, callId: 'call-9', callRecordingId: null, recipient: 'debtor' as const, authorisationChecked: false, important: false, summary: 'address on file', ...overrides } });

    it('R-CHN-03: personal data goes out by phone only after the caller’s identity is verified for that call', () => {
      const s = new ComplaintScenario();
      s.run(registration({ channel: 'phone', recordPlace: 'call centre' }), receptionist);
      expect(s.refuse(disclosure({}), receptionist)).toMatchObject({ code: 'DISCLOSURE.IDENTITY_NOT_VERIFIED', rule: 'R-CHN-03', details: { field: 'callId' } });
      s.run({ type: 'RecordIdentityVerification', data: { callId: 'call-8', method: 'customer_number' } }, receptionist);
      expect(s.refuse(disclosure({}), receptionist)).toMatchObject({ rule: 'R-CHN-03' });
      s.run({ type: 'RecordIdentityVerification', data: { callId: 'call-9', method: 'personal_data' } }, receptionist);
      expect(s.run(disclosure({}), receptionist)[0]).toMatchObject({ type: 'InformationDisclosed', data: { callId: 'call-9', information: 'personal_data' } });
    });

    it('R-CHN-04: important information given by phone is a tracked duty to confirm it by fax or letter', () => {
      const s = new ComplaintScenario();
      s.registeredAndTakenOver({ channel: 'phone', recordPlace: 'call centre' });
      s.run({ type: 'RecordIdentityVerification', data: { callId: 'call-9', method: 'customer_number' } });
      const [disclosed, duty] = s.run(disclosure({ information: 'case_status', important: true, summary: 'inspection on Thursday' }));
      expect(duty).toMatchObject({ type: 'DutyOpened', data: { kind: 'written_confirmation', dueDate: '2026-03-04', rule: 'R-CHN-04' } });
      const disclosureId = (disclosed as { data: { disclosureId: string } }).data.disclosureId;
      s.investigated();
      s.run({ type: 'RecordFinding', data: { finding: 'unjustified', reasoning: 'bill right' } });
      s.run({ type: 'SendReply', data: { channel: 'letter', sentAt: '2026-03-02T08:59:00.000Z', summary: 's', reasons: 'r', redress, recordCopyEnclosed: true } });
      expect(s.refuse({ type: 'CloseComplaint', data: {} })).toMatchObject({ code: 'COMPLAINT.CONFIRMATION_OUTSTANDING', rule: 'R-CHN-04' });
      expect(s.refuse({ type: 'ConfirmPhoneInformation', data: { disclosureId, channel: 'fax', sentAt: '2026-03-02T08:59:00.000Z' } })).toMatchObject({ code: 'COMPLAINT.BEFORE_EARLIER_FACT', details: { field: 'sentAt', earlierFact: 'InformationDisclosed.disclosedAt' } });
      const confirmed = s.run({ type: 'ConfirmPhoneInformation', data: { disclosureId, channel: 'fax', sentAt: '2026-03-02T09:00:00.000Z' } });
      expect(confirmed[1]).toMatchObject({ type: 'DutyDischarged', data: { dutyId: `confirmation-${disclosureId}` } });
      expect(s.run({ type: 'CloseComplaint', data: {} })[0]!.type).toBe('ComplaintClosed');
    });

    it('R-LAW-10: a phone complaint and a disclosure by phone reference their call recordings by the telephony id', () => {
      const s = new ComplaintScenario();
      const [, , referenced] = s.run(registration({ channel: 'phone', recordPlace: 'call centre', callRecordingId: 'TEL-1001' }), receptionist);
      expect(referenced).toEqual({ type: 'CallRecordingReferenced', data: { callRecordingId: 'TEL-1001', calledAt: '2026-03-02T08:30:00.000Z', calledOn: '2026-03-02', call: 'complaint', disclosureId: null, caller: { subjectId: 'subject-1#call_recording', name: 'Kovács Éva', customerNumber: 'U-1001' } } });
      s.advanceDays(1).run(disclosure({ information: 'case_status', callId: null, callRecordingId: 'TEL-1002' }), receptionist);
      expect(s.of('CallRecordingReferenced')[1]!.data).toMatchObject({ callRecordingId: 'TEL-1002', calledOn: '2026-03-03', call: 'disclosure', disclosureId: expect.any(String) });
      expect(s.refuse(disclosure({ channel: 'letter', information: 'case_status', callId: null, callRecordingId: 'TEL-1003' }), receptionist)).toMatchObject({ code: 'COMPLAINT.RECORDING_WITHOUT_CALL', rule: 'R-LAW-10' });
      expect(new ComplaintScenario().refuse(registration({ callRecordingId: 'TEL-9' }), receptionist)).toMatchObject({ code: 'COMPLAINT.RECORDING_WITHOUT_CALL', details: { field: 'callRecordingId' } });
    });

    it('R-LAW-10: a request for a copy of a recording is a 30-day duty, free of charge, discharged when the copy is handed over', () => {
      const s = new ComplaintScenario();
      s.run(registration({ channel: 'phone', recordPlace: 'call centre', callRecordingId: 'TEL-1001' }), receptionist);
      s.advanceDays(3);
      expect(s.refuse({ type: 'RequestCallRecordingCopy', data: { callRecordingId: 'TEL-9', requestedAt: '2026-03-05T09:00:00.000Z', channel: 'letter' } }, receptionist)).toMatchObject({ code: 'COMPLAINT.NO_SUCH_RECORDING', rule: 'R-LAW-10' });
      expect(s.refuse({ type: 'RequestCallRecordingCopy', data: { callRecordingId: 'TEL-1001', requestedAt: '2026-03-01T09:00:00.000Z', channel: 'letter' } }, receptionist)).toMatchObject({ code: 'COMPLAINT.BEFORE_EARLIER_FACT', details: { field: 'requestedAt', earlierFact: 'CallRecordingReferenced.calledAt' } });
      const [requested, duty] = s.run({ type: 'RequestCallRecordingCopy', data: { callRecordingId: 'TEL-1001', requestedAt: '2026-03-05T08:00:00.000Z', channel: 'letter' } }, receptionist);
      expect(requested).toMatchObject({ type: 'CallRecordingCopyRequested', data: { callRecordingId: 'TEL-1001', dueDate: '2026-04-07', free: true } });
      expect(duty).toMatchObject({ type: 'DutyOpened', data: { kind: 'recording_copy', dueDate: '2026-04-07', rule: 'R-LAW-10', owner: 'provider' } });
      const requestId = (requested as any).data.requestId as string;
      const handover = (feeHuf: number, handedOverAt = '2026-03-05T08:30:00.000Z') => ({ type: 'HandOverCallRecordingCopy' as const, data: { requestId, handedOverAt, channel: 'email' as const, feeHuf } });
      expect(s.refuse(handover(2500), receptionist)).toMatchObject({ code: 'COMPLAINT.RECORDING_COPY_NOT_FREE', rule: 'R-LAW-10', details: { field: 'feeHuf' } });
      expect(s.refuse(handover(0, '2026-03-04T08:30:00.000Z'), receptionist)).toMatchObject({ code: 'COMPLAINT.BEFORE_EARLIER_FACT', details: { earlierFact: 'CallRecordingCopyRequested.requestedAt' } });
      expect(s.run(handover(0), receptionist)).toEqual([
        { type: 'CallRecordingCopyHandedOver', data: { requestId, callRecordingId: 'TEL-1001', handedOverAt: '2026-03-05T08:30:00.000Z', channel: 'email', feeHuf: 0, late: false } },
        { type: 'DutyDischarged', data: { dutyId: `recording-copy-${requestId}`, dischargedOn: '2026-03-05', late: false } },
      ]);
      expect(s.refuse(handover(0), receptionist)).toMatchObject({ code: 'COMPLAINT.COPY_ALREADY_HANDED_OVER' });
    });

    it('R-LAW-10: the 2013 regulation has no duty to hand over call recordings', () => {
      const s = ComplaintScenario.at('2025-03-03T09:00:00.000Z', 'alfa-nova-2013');
      s.run(registration({ receivedAt: '2025-03-03T08:00:00.000Z', channel: 'phone', recordPlace: 'call centre', callRecordingId: 'TEL-1' }), receptionist);
      expect(s.refuse({ type: 'RequestCallRecordingCopy', data: { callRecordingId: 'TEL-1', requestedAt: '2025-03-03T08:30:00.000Z', channel: 'letter' } }, receptionist)).toMatchObject({ code: 'COMPLAINT.NO_RECORDING_COPY_DUTY', rule: 'R-LAW-10' });
    });

    it('R-CHN-05: the amount of arrears is never given by phone, only in person to the debtor or an authorised representative', () => {
      const s = new ComplaintScenario();
      s.run(registration({ kind: 'arrears_handling', channel: 'phone', recordPlace: 'call centre' }), receptionist);
      s.run({ type: 'RecordIdentityVerification', data: { callId: 'call-9', method: 'customer_number' } }, receptionist);
      expect(s.refuse(disclosure({ information: 'arrears_amount' }), receptionist)).toMatchObject({ code: 'DISCLOSURE.ARREARS_ONLY_IN_PERSON', rule: 'R-CHN-05', details: { field: 'channel' } });
      expect(s.refuse(disclosure({ information: 'arrears_amount', channel: 'email' }), receptionist)).toMatchObject({ rule: 'R-CHN-05' });
      expect(s.refuse(disclosure({ information: 'arrears_amount', channel: 'in_person', recipient: 'other' }), receptionist)).toMatchObject({ code: 'DISCLOSURE.ARREARS_RECIPIENT' });
      expect(s.refuse(disclosure({ information: 'arrears_amount', channel: 'in_person', recipient: 'authorised_representative' }), receptionist)).toMatchObject({ code: 'DISCLOSURE.ARREARS_RECIPIENT' });
      s.run(disclosure({ information: 'arrears_amount', channel: 'in_person', recipient: 'authorised_representative', authorisationChecked: true, callId: null }), receptionist);
      s.run(disclosure({ information: 'arrears_amount', channel: 'in_person', recipient: 'debtor', callId: null }), receptionist);
      expect(s.of('InformationDisclosed')).toHaveLength(2);
    });
  });

  describe('business time keeps its order', () => {
    it('R-LAW-01: a reply dated before the receipt, or before the finding it states, is refused naming the field and the earlier fact', () => {
      const s = ComplaintScenario.at('2026-03-20T09:00:00.000Z');
      s.registeredAndTakenOver({ receivedAt: '2026-03-16T08:00:00.000Z' }).investigated();
      s.run({ type: 'RecordFinding', data: { finding: 'unjustified', reasoning: 'the bill matches the readings' } });
      const reply = (sentAt: string) => ({ type: 'SendReply' as const, data: { channel: 'letter' as const, sentAt, summary: 's', reasons: 'r', redress, recordCopyEnclosed: false } });
      // Three weeks before the receipt: once counted as on time.
      expect(s.refuse(reply('2026-02-23T08:00:00.000Z'))).toMatchObject({ code: 'COMPLAINT.BEFORE_EARLIER_FACT', kind: 'invalid', details: { field: 'sentAt', earlierFact: 'ComplaintRegistered.receivedAt', earlierAt: '2026-03-16T08:00:00.000Z' } });
      expect(s.refuse(reply('2026-03-18T08:00:00.000Z'))).toMatchObject({ code: 'COMPLAINT.BEFORE_EARLIER_FACT', details: { field: 'sentAt', earlierFact: 'FindingRecorded.recordedOn', earlierAt: '2026-03-20' } });
      expect(s.run(reply('2026-03-20T08:30:00.000Z'))[0]).toMatchObject({ type: 'ReplySent', data: { late: false } });
    });

    it('R-CPL-10: investigation steps and the extension notice are not dated before the receipt', () => {
      const s = ComplaintScenario.at('2026-03-20T09:00:00.000Z');
      s.registeredAndTakenOver({ receivedAt: '2026-03-16T08:00:00.000Z', kind: 'quality_complaint', qualityInvestigation: null });
      expect(s.refuse({ type: 'RecordSiteInspection', data: { inspectedOn: '2026-03-15', findings: 'radiators cold' } })).toMatchObject({ code: 'COMPLAINT.BEFORE_EARLIER_FACT', details: { field: 'inspectedOn' } });
      expect(s.refuse({ type: 'RecordHotWaterMeasurement', data: { measuredAt: '2026-03-15T10:00:00.000Z', temperatureCelsius: 35, afterSecondsOfUse: 60 } })).toMatchObject({ details: { field: 'measuredAt', earlierFact: 'ComplaintRegistered.receivedAt' } });
      expect(s.refuse({ type: 'ExtendReplyDeadline', data: { reason: 'site_inspection', extendByDays: 10, customerNotifiedAt: '2026-03-10T10:00:00.000Z', noticeChannel: 'letter' } })).toMatchObject({ details: { field: 'customerNotifiedAt' } });
      expect(new ComplaintScenario().refuse(registration({ kind: 'quality_complaint', qualityInvestigation: { mode: 'agreed_time', agreedAt: '2026-03-01T10:00:00.000Z' } }), receptionist)).toMatchObject({ details: { field: 'qualityInvestigation.agreedAt' } });
    });
  });
});
