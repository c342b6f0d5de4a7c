// The business codes TikTok puts in the JSON body; transport failures (HTTP 5xx) carry none.
export enum TikTokCode {
  Ok = 0,
  InvalidRequest = 40000,
  NoPermission = 40001,
  InvalidParameter = 40002,
  InvalidBatchSize = 40061,
  PiiNotHashed = 40062,
  PartnerNotRegistered = 40063,
  TooManyRequests = 40100,
  AccessTokenEmpty = 40104,
  AccessTokenInvalid = 40105,
  InternalError = 50000,
}
