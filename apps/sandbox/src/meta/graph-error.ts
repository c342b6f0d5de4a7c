// Meta's Graph API error body: `{error: {message, type, code, error_subcode, is_transient,
// error_user_title, error_user_msg, fbtrace_id}}`, here without the trace id, which the service adds.
export interface GraphErrorFields {
  httpStatus: number;
  message: string;
  type: 'OAuthException' | 'GraphMethodException';
  code: number;
  subcode?: number;
  isTransient?: boolean;
  userTitle?: string;
  userMessage?: string;
}

export interface GraphErrorBody {
  error: {
    message: string;
    type: string;
    code: number;
    error_subcode?: number;
    is_transient: boolean;
    error_user_title?: string;
    error_user_msg?: string;
    fbtrace_id: string;
  };
}

export function graphErrorBody(fields: GraphErrorFields, fbtraceId: string): GraphErrorBody {
  return {
    error: {
      message: fields.message,
      type: fields.type,
      code: fields.code,
      ...(fields.subcode === undefined ? {} : { error_subcode: fields.subcode }),
      is_transient: fields.isTransient ?? false,
      ...(fields.userTitle === undefined ? {} : { error_user_title: fields.userTitle }),
      ...(fields.userMessage === undefined ? {} : { error_user_msg: fields.userMessage }),
      fbtrace_id: fbtraceId,
    },
  };
}

// "Invalid parameter" errors naming one field, the way Meta words its validation failures.
export function invalidParameter(userMessage: string, subcode?: number, userTitle?: string): GraphErrorFields {
  return {
    httpStatus: 400,
    message: 'Invalid parameter',
    type: 'OAuthException',
    code: 100,
    ...(subcode === undefined ? {} : { subcode }),
    userTitle: userTitle ?? 'Invalid parameter',
    userMessage,
  };
}
