import { Controller, Get, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors, Public } from '@app/core';
import { acceptsGzip, ifNoneMatchHits } from './etag.matcher';
import { SdkBundleService } from './sdk-bundle.service';

interface SdkRequest {
  headers: Record<string, string | string[] | undefined>;
}

interface SdkReply {
  header(name: string, value: string): SdkReply;
  getHeader(name: string): unknown;
  status(code: number): SdkReply;
  send(body?: Buffer): void;
}

// The script URL is not versioned (customers paste it once), so browsers and CDNs keep it a day
// and then revalidate with the ETag; stale-while-revalidate hides that round trip.
const CACHE_CONTROL = 'public, max-age=86400, stale-while-revalidate=604800';

@ApiTags('browser-sdk')
@Public()
@Controller('v1')
export class SdkController {
  constructor(private readonly bundles: SdkBundleService) {}

  @ApiOperation({ summary: 'The browser snippet tracklayer.js (public, cacheable)' })
  @ApiErrors([503, 'The snippet could not be built at start-up'])
  @Get('sdk.js')
  @ApiProduces('application/javascript')
  @ApiOkResponse({
    description: 'tracklayer.js, the browser snippet (docs/browser.md); honours If-None-Match with 304',
    schema: { type: 'string', description: 'JavaScript, gzipped when Accept-Encoding allows' },
  })
  @ApiResponse({ status: 304, description: 'The cached copy is current' })
  serve(@Req() request: SdkRequest, @Res() reply: SdkReply): void {
    const bundle = this.bundles.current();
    if (!bundle) throw new ServiceUnavailableException('The browser SDK is not available');
    const gzip = acceptsGzip(single(request.headers['accept-encoding']));
    const vary = reply.getHeader('vary');
    reply
      .header('content-type', 'application/javascript; charset=utf-8')
      .header('cache-control', CACHE_CONTROL)
      .header('etag', gzip ? bundle.gzipEtag : bundle.etag)
      .header('vary', typeof vary === 'string' && vary !== '' ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    if (ifNoneMatchHits(single(request.headers['if-none-match']), [bundle.etag, bundle.gzipEtag])) {
      reply.status(304).send();
      return;
    }
    if (gzip) reply.header('content-encoding', 'gzip');
    reply.status(200).send(gzip ? bundle.gzip : bundle.identity);
  }
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(',') : value;
}
