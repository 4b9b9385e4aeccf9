import { DateTime } from 'luxon';
import { OPEN_STATUSES } from '../../core/tickets/ticket-status';
import type { PublicRequest, PublicUnitChoice } from './open311.repo';
import { hasUnitAttribute, type Open311Service, serviceCodeOf, UNIT_ATTRIBUTE } from './open311.services';
import type { XmlValue } from './open311.xml';

/**
 * GeoReport v2 documents as plain values, in the field order of the specification's examples;
 * the same value becomes the JSON and, through open311.xml.ts, the XML.
 */
export type Open311Document = { [key: string]: XmlValue };

export const SPECIFICATION = 'http://wiki.open311.org/GeoReport_v2';
export const FORMATS = ['text/xml', 'application/json'] as const;

/** W3C date and time in the hotline's zone, with its offset: 2026-12-03T09:30:00+07:00. */
export function w3cDateTime(at: Date, timeZone: string): string {
  return DateTime.fromJSDate(at, { zone: timeZone })
    .set({ millisecond: 0 })
    .toISO({ suppressMilliseconds: true }) as string;
}

export function discoveryView(input: {
  changeset: string;
  contact: string;
  keyService: string;
  endpointUrl: string;
}): Open311Document {
  return {
    changeset: input.changeset,
    contact: input.contact,
    key_service: input.keyService,
    endpoints: [
      {
        specification: SPECIFICATION,
        url: input.endpointUrl,
        changeset: input.changeset,
        type: 'production',
        formats: [...FORMATS],
      },
    ],
  };
}

export function serviceView(service: Open311Service): Open311Document {
  return {
    service_code: serviceCodeOf(service.ref),
    service_name: service.name,
    description: service.description,
    metadata: hasUnitAttribute(service),
    type: 'realtime',
    keywords: service.keywords,
    group: service.group,
  };
}

/** A feedback service's one attribute: the unit to send to (optional; the district office otherwise). */
export function definitionView(service: Open311Service, units: readonly PublicUnitChoice[]): Open311Document {
  const attributes: XmlValue[] = hasUnitAttribute(service)
    ? [
        {
          variable: true,
          code: UNIT_ATTRIBUTE,
          datatype: 'singlevaluelist',
          required: false,
          datatype_description: 'Mã đơn vị (phường, phòng ban); bỏ trống thì gửi Văn phòng quận',
          order: 1,
          description: 'Đơn vị nhận phản ánh',
          values: units.map((unit) => ({ key: unit.code, name: unit.name })),
        },
      ]
    : [];
  return { service_code: serviceCodeOf(service.ref), attributes };
}

export function requestView(request: PublicRequest, timeZone: string): Open311Document {
  return {
    service_request_id: request.code,
    status: OPEN_STATUSES.includes(request.status) ? 'open' : 'closed',
    status_notes: request.publicAnswer,
    service_name: request.service.name,
    service_code: serviceCodeOf(request.service.ref),
    description: request.description,
    agency_responsible: request.unitName,
    service_notice: null,
    requested_datetime: w3cDateTime(request.receivedAt, timeZone),
    updated_datetime: w3cDateTime(request.updatedAt, timeZone),
    expected_datetime: request.dueAt && w3cDateTime(request.dueAt, timeZone),
    address: request.address,
    address_id: request.addressId,
    zipcode: null,
    lat: request.location?.lat ?? null,
    long: request.location?.long ?? null,
    media_url: request.mediaUrl,
  };
}

export interface Open311Error {
  code: number;
  description: string;
}

export function errorView(error: Open311Error): Open311Document {
  return { code: error.code, description: error.description };
}
