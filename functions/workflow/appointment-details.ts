import type { ApplicantType } from '#domain/filing';
import { bringToVerification, officeById } from '#domain/offices';
import type { Appointment } from './task-inputs.ts';

const zhFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'full',
  timeStyle: 'short',
});
const enFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Asia/Shanghai',
  dateStyle: 'full',
  timeStyle: 'short',
});

/**
 * What an appointment email says: the office, its address, the time in China time, and what this kind
 * of applicant brings (an individual no company documents).
 */
export function appointmentDetails(appointment: Appointment, applicantType: ApplicantType) {
  const office = officeById(appointment.officeId);
  const startsAt = new Date(appointment.startsAt);
  return {
    office: { name: office.name, address: office.address },
    when: {
      zh: `${zhFormat.format(startsAt)}（北京时间）`,
      en: `${enFormat.format(startsAt)} (China Standard Time)`,
    },
    bring: bringToVerification(applicantType),
  };
}
