/** Hungarian wording of the summaries: the headings and values a Hungarian authority reads. */

export const CHANNEL_HU: Readonly<Record<string, string>> = {
  in_person: 'személyesen',
  letter: 'levélben',
  phone: 'telefonon',
  email: 'e-mailben',
  fax: 'faxon',
  web_form: 'webes űrlapon',
};

export const COMPLAINT_KIND_HU: Readonly<Record<string, string>> = {
  bill_objection: 'számlakifogás',
  meter_dispute: 'mérővel kapcsolatos panasz',
  quality_complaint: 'minőségi panasz',
  contract_relationship: 'szerződéses jogviszonnyal kapcsolatos panasz',
  arrears_handling: 'hátralékkezeléssel kapcsolatos panasz',
  handling_conduct: 'ügyintézéssel kapcsolatos panasz',
  other: 'egyéb',
};

export const OUTCOME_HU: Readonly<Record<string, string>> = {
  justified: 'megalapozott',
  partly_justified: 'részben megalapozott',
  unjustified: 'megalapozatlan',
  withdrawn: 'visszavonva',
  settled_on_the_spot: 'azonnal rendezve',
  not_investigated: 'érdemi vizsgálat nélkül lezárva',
  open: 'folyamatban',
};

export const FINDING_HU: Readonly<Record<string, string>> = {
  justified: 'megalapozott',
  partly_justified: 'részben megalapozott',
  unjustified: 'megalapozatlan',
  none: 'nincs megállapítás',
};

export const TIMELINESS_HU: Readonly<Record<string, string>> = {
  on_time: 'határidőben megválaszolva',
  late: 'határidőn túl megválaszolva',
  overdue_unanswered: 'határidő lejárt, válasz nélkül',
  pending: 'válaszadási határidő folyamatban',
  not_required: 'írásbeli válasz nem szükséges',
};

export const FIGURE_TABLE_HU: Readonly<Record<string, string>> = {
  byChannel: 'A panasz módja (csatorna) szerint',
  byKind: 'A panasz típusa szerint',
  byOutcome: 'A lezárás eredménye szerint',
  byFinding: 'Megalapozottság szerint',
  byReplyTimeliness: 'A válaszadás határidőben történt-e',
};

export const LEGAL_BASIS_HU: Readonly<Record<string, string>> = {
  authority_request: 'hatósági megkeresés',
  statutory_reporting: 'jogszabályon alapuló adatszolgáltatás',
  court_order: 'bírósági megkeresés',
  customer_consent: 'az ügyfél hozzájárulása',
};

export const BODY_KIND_HU: Readonly<Record<string, string>> = {
  energy_regulator: 'energetikai szabályozó hatóság',
  consumer_protection_authority: 'fogyasztóvédelmi hatóság',
  town_clerk: 'jegyző',
  conciliation_board: 'békéltető testület',
};

export const CLOSURE_HU: Readonly<Record<string, string>> = {
  handled: 'érdemi elbírálás után',
  repeated: 'ismételt panaszként',
  anonymous: 'névtelen panaszként',
  withdrawn: 'visszavonás miatt',
  settled_on_the_spot: 'azonnali rendezéssel',
};

export const SIGNATURE_HU: Readonly<Record<string, string>> = { signed: 'aláírta', refused: 'megtagadta', not_applicable: 'nem értelmezhető' };
export const RECORD_COPY_HU: Readonly<Record<string, string>> = { handed_over: 'helyben átadva', with_reply: 'a válasszal együtt megküldve' };

export const EVENT_HU: Readonly<Record<string, string>> = {
  ComplaintRegistered: 'Panasz nyilvántartásba véve',
  ComplaintRecordDrawnUp: 'Jegyzőkönyv felvéve',
  ComplaintAcknowledged: 'Beérkezés visszaigazolva',
  ComplaintSettledOnTheSpot: 'Panasz azonnal rendezve',
  AppointmentRequested: 'Személyes időpont kérve',
  AppointmentOffered: 'Személyes időpont felajánlva',
  CallRecordingReferenced: 'Hangfelvétel azonosítója rögzítve',
  CallRecordingCopyRequested: 'Hangfelvétel másolatát kérte',
  CallRecordingCopyHandedOver: 'Hangfelvétel másolata átadva',
  ClerkDesignated: 'Ügyintéző kijelölve',
  ClerkReassigned: 'Ügyintéző átjelölve',
  ComplaintTakenOver: 'Ügy átvéve',
  RecordsChecked: 'Nyilvántartások ellenőrizve',
  DocumentsRequested: 'Iratok bekérve',
  DocumentsReceived: 'Iratok beérkeztek',
  SiteInspectionRequested: 'Helyszíni vizsgálat kérve',
  SiteInspectionCarriedOut: 'Helyszíni vizsgálat elvégezve',
  MeterExaminationOrdered: 'Mérővizsgálat elrendelve',
  MeterExaminationResultRecorded: 'Mérővizsgálat eredménye rögzítve',
  ConsumptionEstimated: 'Fogyasztás becsülve',
  QualityInvestigationScheduled: 'Minőségi vizsgálat ütemezve',
  HotWaterMeasured: 'Melegvíz-hőmérséklet mérve',
  QualityCostsAllocated: 'Vizsgálati költségek megosztva',
  FindingRecorded: 'Vizsgálati megállapítás rögzítve',
  CorrectionRecorded: 'Helyesbítés rögzítve',
  RefundScheduled: 'Visszatérítés ütemezve',
  RefundCredited: 'Visszatérítés jóváírva',
  InstalmentPlanAgreed: 'Részletfizetés megállapodva',
  ReplyDeadlineExtended: 'Válaszadási határidő meghosszabbítva',
  ReplySent: 'Válasz elküldve',
  WrittenReplyDutyLapsed: 'Írásbeli válaszadási kötelezettség megszűnt',
  ComplaintWithdrawn: 'Panasz visszavonva',
  ComplaintClosed: 'Panasz lezárva',
  IdentityVerified: 'Személyazonosság ellenőrizve',
  InformationDisclosed: 'Tájékoztatás adva',
  PhoneInformationConfirmed: 'Telefonos tájékoztatás írásban megerősítve',
  CaseEscalated: 'Ügy felsőbb szintre továbbítva',
  DutyOpened: 'Teljesítendő kötelezettség nyílt',
  DutyDischarged: 'Kötelezettség teljesítve',
  DutyRescheduled: 'Kötelezettség határideje módosult',
  DutyCancelled: 'Kötelezettség megszűnt',
};

/** A stored code in Hungarian, or the code itself where the table has no entry. */
export const hu = (table: Readonly<Record<string, string>>, code: unknown): string => (typeof code === 'string' ? (table[code] ?? code) : '—');
