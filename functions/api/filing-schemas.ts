/** Request and response schemas of the filings routes (./routes/filings.ts). */
import * as z from 'zod';
import { ApplicantType, FilingType } from '#domain/filing';

const RegistryStatus = z.enum(['ACTIVE', 'CANCELLED']);

export const FilingListResponse = z.object({
  items: z.array(
    z.object({
      entityNumber: z.string().meta({ examples: ['京ICP备2026012345号'] }),
      name: z.string(),
      applicantType: ApplicantType,
      province: z.string(),
      status: RegistryStatus,
      actions: z.array(FilingType),
      websites: z.array(
        z.object({
          icpNumber: z.string().meta({ examples: ['京ICP备2026012345号-1'] }),
          name: z.string(),
          domains: z.array(z.string()),
          responsiblePersonName: z.string(),
          status: RegistryStatus,
          hostedHere: z.boolean(),
          ipAddresses: z.array(z.string()),
          actions: z.array(FilingType),
        }),
      ),
    }),
  ),
});

export const PrefillQuery = z.object({
  icpNumber: z.string().min(1).max(40),
  kind: FilingType,
});

export const PrefillResponse = z.object({
  kind: FilingType,
  icpNumber: z.string(),
  basedOnCaseId: z.string(),
  /** The website (or the entity) as filed and hosted now, for the form to show what the case changes. */
  current: z
    .object({
      name: z.string().optional(),
      domains: z.array(z.string()).optional(),
      ipAddresses: z.array(z.string()).optional(),
      serverProvince: z.string().optional(),
      responsiblePersonName: z.string().optional(),
      /** For a change or cancellation of the entity: its name and address as filed. */
      entityName: z.string().optional(),
      entityAddress: z.string().optional(),
    })
    .optional(),
  /** The application to start the form with (POST /cases takes it once completed). */
  application: z.record(z.string(), z.unknown()),
});
