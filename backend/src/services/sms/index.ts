export { HttpSmsProvider, LogSmsProvider, type SmsProvider, type SmsResult } from './provider';
export { createSmsProvider, createSmsSender, type SmsSender, type SmsSenderOptions } from './sender';
