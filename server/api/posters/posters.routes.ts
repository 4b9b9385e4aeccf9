import type { Request, Response } from 'express';
import type { SessionUser } from '../auth/session-user';
import { operation } from '../http/operation';
import { errorResponses, idParams } from '../openapi/common.schemas';
import type { PosterContent, PosterSize } from './poster.content';
import { qrImage, writePosterPdf } from './poster.pdf';
import { posterQuery, qrParams } from './posters.schemas';
import type { PostersService } from './posters.service';

/** The citizen site's origin as the QR prints it: PUBLIC_URL, else the origin this request came to. */
const originOf = (publicUrl: string | undefined, req: Request) =>
  publicUrl ?? `${req.protocol}://${req.get('host')}`;

async function sendPdf(res: Response, content: PosterContent, size: PosterSize, name: string): Promise<void> {
  res.type('application/pdf');
  res.setHeader('Content-Disposition', `inline; filename="${name}-${size.toLowerCase()}.pdf"`);
  await writePosterPdf(content, size, res);
}

async function sendQr(res: Response, content: PosterContent, format: 'svg' | 'png'): Promise<void> {
  res.type(format === 'svg' ? 'image/svg+xml' : 'image/png');
  res.send(await qrImage(content.qrUrl, format));
}

const PDF = { 200: { description: 'One-page poster, black and white', contentType: 'application/pdf' } };
const QR = { 200: { description: 'The QR code alone', contentType: 'image/svg+xml' } };
const ERRORS = errorResponses(400, 401, 403, 404, 503);

type Subject = 'unit' | 'desk' | 'procedure';

const FILE_NAMES: Record<Subject, string> = {
  unit: 'ap-phich-don-vi',
  desk: 'ap-phich-quay',
  procedure: 'ap-phich-thu-tuc',
};

/** The catalogue is Home Affairs' to keep, its posters included; a unit's or desk's is its officials' too. */
const ACCESS: Record<Subject, 'signed-in' | 'admin'> = {
  unit: 'signed-in',
  desk: 'signed-in',
  procedure: 'admin',
};

const SUMMARIES: Record<Subject, { pdf: string; qr: string }> = {
  unit: {
    pdf: "A unit's poster: the hotline and the unit's key, a QR to its citizen page, a tel: link",
    qr: "The QR code of a unit's citizen page, as SVG or PNG",
  },
  desk: {
    pdf: "A desk's poster: its QR opens the desk's rating form",
    qr: "The QR code of a desk's rating form, as SVG or PNG",
  },
  procedure: {
    pdf: "A procedure's poster: its name, where it is handled, a QR to its citizen page, the hotline",
    qr: "The QR code of a procedure's citizen page, as SVG or PNG",
  },
};

export function posterRoutes(posters: PostersService, publicUrl: string | undefined) {
  const contentOf = (subject: Subject, user: SessionUser, id: number, req: Request) => {
    const origin = originOf(publicUrl, req);
    if (subject === 'unit') return posters.ofUnit(user, id, origin);
    if (subject === 'desk') return posters.ofDesk(user, id, origin);
    return posters.ofProcedure(user, id, origin);
  };

  const pdf = (subject: Subject) =>
    operation(
      {
        operationId: `${subject}Poster`,
        summary: SUMMARIES[subject].pdf,
        tag: 'posters',
        access: ACCESS[subject],
        params: idParams,
        query: posterQuery,
        responses: { ...PDF, ...ERRORS },
      },
      async ({ params, query, user, req, res }) => {
        await sendPdf(
          res,
          await contentOf(subject, user, params.id, req),
          query.size,
          `${FILE_NAMES[subject]}-${params.id}`,
        );
        return undefined;
      },
    );

  const qr = (subject: Subject) =>
    operation(
      {
        operationId: `${subject}Qr`,
        summary: SUMMARIES[subject].qr,
        tag: 'posters',
        access: ACCESS[subject],
        params: qrParams,
        responses: { ...QR, ...ERRORS },
      },
      async ({ params, user, req, res }) => {
        await sendQr(res, await contentOf(subject, user, params.id, req), params.format);
        return undefined;
      },
    );

  return {
    unitPdf: pdf('unit'),
    deskPdf: pdf('desk'),
    procedurePdf: pdf('procedure'),
    unitQr: qr('unit'),
    deskQr: qr('desk'),
    procedureQr: qr('procedure'),
  };
}
